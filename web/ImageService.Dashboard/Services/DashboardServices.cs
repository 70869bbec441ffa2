using ImageService.Contracts.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Dashboard.Services;

/// <summary>The dashboard's services (the component tests register the same, with a fake <see cref="IFetch"/>).</summary>
public static class DashboardServices
{
    /// <summary>The browser seams (HTTP, sessionStorage, clipboard, uploads) come in from the caller: [JSImport]
    /// implementations in the browser, doubles in the tests.</summary>
    public static IServiceCollection AddDashboardServices(this IServiceCollection services, IFetch fetch, IBrowserStorage storage,
        IClipboard clipboard, IUploadTransport uploads)
    {
        services.AddSingleton(fetch);
        services.AddSingleton(storage);
        services.AddSingleton(clipboard);
        services.AddSingleton(uploads);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Session>();
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<DashboardConfig>();
            var baseUrl = string.IsNullOrEmpty(config.ApiBaseUrl)
                ? new Uri(sp.GetRequiredService<NavigationManager>().BaseUri).GetLeftPart(UriPartial.Authority)
                : config.ApiBaseUrl;
            return new ApiClient(fetch, new Uri(baseUrl.TrimEnd('/') + "/"), sp.GetRequiredService<Session>(), sp.GetRequiredService<NavigationManager>());
        });
        services.AddSingleton<CognitoSignIn>();
        services.AddSingleton<Uploader>();
        services.AddSingleton<GridVariant>();
        services.AddSingleton<Thumbnails>();
        services.AddSingleton<DeliveryProbe>();
        return services;
    }
}
