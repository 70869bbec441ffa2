using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ImageService.Api.Tests.Delivery;

/// <summary>The Lambda response cap, with an application whose cap is tiny (1000 bytes) so every result is "large".</summary>
public sealed class LargeResultTests(LargeResultTests.Fixture fixture) : IClassFixture<LargeResultTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new(new() { ["Delivery:MaxInlineResponseBytes"] = "1000" });

        public void Dispose() => Delivery.Dispose();
    }

    private readonly DeliveryTestApp app = fixture.Delivery;

    [Fact]
    public async Task A_result_above_the_response_cap_is_stored_and_answered_with_a_redirect_to_it()
    {
        var account = await app.AccountAsync("lim-large");
        var image = await app.UploadAsync("lim-large", TestImages.Png(400, 300, seed: 3));
        using var browser = app.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var url = $"/{account.PublicKey}/{image}?f=png";

        using var first = await browser.GetAsync(url);
        using var repeat = await browser.GetAsync(url);
        using var target = await browser.GetAsync(first.Headers.Location);
        using var forged = await browser.GetAsync(first.Headers.Location!.AbsoluteUri + "x");

        Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        Assert.Equal(HttpStatusCode.Found, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);
        var bytes = await target.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000);
        Assert.Equal(("png", 400, 300), (TestImages.Probe(bytes).Format, TestImages.Probe(bytes).Width, TestImages.Probe(bytes).Height));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }
}
