using System.Net.Http.Json;
using ImageService.Contracts.Dashboard;
using ImageService.Dashboard;
using ImageService.Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// config.json sits beside index.html: the API writes it locally, the stack writes it on AWS.
using (var local = new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) })
{
    var config = await local.GetFromJsonAsync("config.json", DashboardJsonContext.Default.DashboardConfig)
        ?? throw new InvalidOperationException("config.json is empty.");
    builder.Services.AddSingleton(config);
}
builder.Services.AddDashboardServices();

await builder.Build().RunAsync();
