namespace ImageService.Lambda.Runtime;

/// <summary>
/// An error reported to the Runtime API. <paramref name="Type"/> goes both into the body's errorType and the
/// Lambda-Runtime-Function-Error-Type header, in AWS's recommended "Category.Reason" form.
/// </summary>
internal sealed record LambdaError(string Type, string Message)
{
    public static LambdaError FromException(string type, Exception exception) =>
        new(type, $"{exception.GetType().FullName}: {exception.Message}");
}
