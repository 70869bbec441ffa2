namespace ImageService.Lambda.Runtime;

/// <summary>
/// Reports start-up failures to <c>/runtime/init/error</c>, so Lambda shows the cause instead of a bare exit.
/// Anything that escapes Main before the first poll (Build(), pipeline construction, hosted services) is an
/// unhandled exception, hence the AppDomain hook; it is removed once the server starts polling.
/// </summary>
internal sealed class LambdaInitErrorReporter : IDisposable
{
    public const string ErrorType = "Runtime.InitError";

    private readonly string _runtimeApi;
    private int _state; // 0 = init phase, 1 = done (reported, or polling started)

    public LambdaInitErrorReporter(string runtimeApi) => _runtimeApi = runtimeApi;

    public void Subscribe() => AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;

    /// <summary>Init is over once the first /next is sent; later crashes are Lambda's to report.</summary>
    public void InitCompleted()
    {
        Interlocked.Exchange(ref _state, 1);
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
    }

    /// <summary>Posts the failure once; false if init had already completed or the report could not be sent.</summary>
    public bool Report(Exception exception)
    {
        if (Interlocked.Exchange(ref _state, 1) != 0)
        {
            return false;
        }

        try
        {
            using var client = new LambdaRuntimeClient(_runtimeApi);
            client.PostInitError(LambdaError.FromException(ErrorType, exception));
            return true;
        }
#pragma warning disable CA1031 // The process is already failing; a failed report must not hide the original error.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    public void Dispose() => AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is Exception exception)
        {
            Report(exception);
        }
    }
}
