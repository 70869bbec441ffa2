using System.Text.Json;
using ImageService.Dashboard;
using ImageService.Dashboard.Services;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

if (!OperatingSystem.IsBrowser())
{
    throw new PlatformNotSupportedException("The dashboard runs in a browser.");
}
RoutedPages.Keep();
var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// config.json sits beside index.html: the API writes it locally, the stack writes it on AWS.
var appBase = new Uri(builder.HostEnvironment.BaseAddress);
var fetch = new BrowserFetch(appBase);
var answer = await fetch.SendAsync(new FetchRequest("GET", new Uri(appBase, "config.json").ToString()));
if (!answer.IsSuccess)
{
    throw new InvalidOperationException($"config.json could not be read ({answer.Status}): {answer.Body}");
}
var config = JsonSerializer.Deserialize(answer.Body, DashboardJsonContext.Default.DashboardConfig)
    ?? throw new InvalidOperationException("config.json is empty.");
builder.Services.AddSingleton(config);
builder.Services.AddDashboardServices(fetch, new BrowserStorage(), new BrowserClipboard(), new BrowserUploads(appBase));

var host = builder.Build();
FrameworkInteropJson.AddTo(host.Services.GetRequiredService<IJSRuntime>());
await host.RunAsync();
