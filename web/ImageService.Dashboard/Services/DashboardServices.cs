using ImageService.Contracts.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Dashboard.Services;

/// <summary>The dashboard's services (the component tests register the same, with a faked HTTP handler).</summary>
public static class DashboardServices
{
    public static IServiceCollection AddDashboardServices(this IServiceCollection services, HttpMessageHandler? handler = null)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Session>();
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<DashboardConfig>();
            var baseUrl = string.IsNullOrEmpty(config.ApiBaseUrl)
                ? new Uri(sp.GetRequiredService<NavigationManager>().BaseUri).GetLeftPart(UriPartial.Authority)
                : config.ApiBaseUrl;
            return handler is null ? new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") }
                : new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };
        });
        services.AddSingleton<ApiClient>();
        services.AddSingleton<CognitoSignIn>();
        services.AddSingleton<Clipboard>();
        services.AddSingleton<Uploader>();
        services.AddSingleton<GridVariant>();
        services.AddSingleton<Thumbnails>();
        services.AddSingleton(new DeliveryProbe(handler));
        return services;
    }
}
