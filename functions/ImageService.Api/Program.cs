using ImageService.Api.Hosting;
using ImageService.Lambda;

if (args is ["token", ..])
{
    return TokenCommand.Run(args[1..]);
}
if (args is ["provision", ..])
{
    return await ProvisionCommand.RunAsync(args[1..]);
}

// Settings files are copied beside the binary; data paths stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseLambdaHostingWhenConfigured(); // Lambda server when AWS_LAMBDA_RUNTIME_API is set; _HANDLER -> Hosting:RouteGroup
builder.Logging.AddApiLogging(builder.Environment);
builder.Services.AddStorage(builder.Configuration); // the one backend choice (StorageBackendOptions)
builder.Services.AddImageServiceApi(builder.Configuration);
var app = builder.Build();
app.UseImageServiceApi();
app.Run();
return 0;

public partial class Program;
