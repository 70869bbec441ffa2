using ImageService.Api.Hosting;

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
    var builder = ApiHosting.CreateBuilder(args);
    builder.UseApiHosting(); // Lambda server when AWS_LAMBDA_RUNTIME_API is set (_HANDLER -> Hosting:RouteGroup), else Kestrel
    builder.Logging.AddApiLogging(builder.Configuration);
    builder.Services.AddStorage(builder.Configuration); // the one backend choice (StorageBackendOptions)
    builder.Services.AddImageServiceApi(builder.Configuration);
    var app = builder.Build();
    app.UseImageServiceApi();
    return app;
});

public partial class Program;
