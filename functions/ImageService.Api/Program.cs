using ImageService.Api.Hosting;
using ImageService.Lambda;

switch (CommandLine.Parse(args))
{
    case CommandLine.Command.Token:
        return TokenCommand.Run(args[1..]);
    case CommandLine.Command.Provision:
        return await ProvisionCommand.RunAsync(args[1..]);
    case CommandLine.Command.IngestCdnLogs:
        return await IngestCdnLogsCommand.RunAsync(args[1..]);
    case CommandLine.Command.Unknown:
        return CommandLine.RefuseUnknown(args[0]);
}

// A bad setting, a taken port or any other start failure is one message and exit code 1 (StartupFailures).
return await StartupFailures.RunAsync(() =>
{
    // Settings files are copied beside the binary; data paths stay relative to the working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.UseLambdaHostingWhenConfigured(); // Lambda server when AWS_LAMBDA_RUNTIME_API is set; _HANDLER -> Hosting:RouteGroup
    builder.Logging.AddApiLogging(builder.Configuration);
    builder.Services.AddStorage(builder.Configuration); // the one backend choice (StorageBackendOptions)
    builder.Services.AddImageServiceApi(builder.Configuration);
    var app = builder.Build();
    app.UseImageServiceApi();
    return app;
});

public partial class Program;
