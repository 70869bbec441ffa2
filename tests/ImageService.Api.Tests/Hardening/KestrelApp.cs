using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests.Hardening;

/// <summary>The application under test on real Kestrel at 127.0.0.1 (an OS-chosen port): TestServer enforces none of
/// the web server's limits, nor its path normalisation.</summary>
internal static class KestrelApp
{
    public static ImageServiceApp Start(Dictionary<string, string?>? settings = null)
    {
        var app = new ImageServiceApp(settings);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    /// <summary>http://127.0.0.1:{port}</summary>
    public static Uri Address(this ImageServiceApp app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
}
