using ImageService.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageService.Lambda.Tests;

/// <summary>
/// The real API composition (the same calls as functions/ImageService.Api/Program.cs) in Lambda mode with the embedded
/// backend in a temporary folder, serving one function's route group (<c>_HANDLER</c>) from a fake Runtime API.
/// </summary>
public sealed class RealApiInLambda : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private RealApiInLambda(FakeRuntimeApi runtime, WebApplication app, string dataDirectory) =>
        (Runtime, App, _dataDirectory) = (runtime, app, dataDirectory);

    public FakeRuntimeApi Runtime { get; }

    public WebApplication App { get; }

    /// <summary><paramref name="configure"/> runs after the API's own registrations (to add or replace services).</summary>
    public static async Task<RealApiInLambda> StartAsync(
        string handler, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory($"imageservice-lambda-{handler}-").FullName;
        var runtime = await FakeRuntimeApi.StartAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions // as ApiHosting.CreateBuilder
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LambdaEnvironment.RuntimeApiVariable] = runtime.Address,
            [LambdaEnvironment.HandlerVariable] = handler,
            [StorageBackendOptions.Key] = nameof(StorageBackend.Local),
            ["Storage:DataDirectory"] = dataDirectory,
            ["Paging:CursorKey"] = Convert.ToBase64String(new byte[32]),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.UseApiHosting();
        builder.Logging.ClearProviders();
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddImageServiceApi(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseImageServiceApi();
        await app.StartAsync();
        return new RealApiInLambda(runtime, app, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Runtime.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
