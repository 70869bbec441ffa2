using System.Net;
using ImageService.Api.Tests.Delivery;

namespace ImageService.Api.Tests.Usage;

public sealed class UsageTests(UsageTests.Fixture fixture) : IClassFixture<UsageTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new();

        public void Dispose() => Delivery.Dispose();
    }

    private readonly DeliveryTestApp app = fixture.Delivery;

    [Fact]
    public async Task Counters_are_exact_after_two_hundred_concurrent_delivery_requests()
    {
        var account = await app.AccountAsync("use-many", plan: "business");
        var image = await app.UploadAsync("use-many");
        using var browser = app.Browser();
        var url = $"/{account.PublicKey}/{image}?w=48";
        using var warm = await browser.GetAsync(url);
        await app.UsageAfterAsync("use-many", 1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => browser.GetAsync(url)));
        long bytes = warm.Content.Headers.ContentLength!.Value;
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bytes += (await response.Content.ReadAsByteArrayAsync()).Length;
            response.Dispose();
        }
        var usage = await app.UsageAfterAsync("use-many", 201);

        Assert.Equal((201L, 1L, 200L, bytes), (usage.Requests, usage.Transformations, usage.CacheHits, usage.BytesServed));
        Assert.Equal("business", usage.PlanId);
    }

    [Fact]
    public async Task A_month_is_read_by_its_key_and_a_malformed_month_is_a_400()
    {
        await app.AccountAsync("use-month");
        using var client = app.Client("use-month");
        var month = app.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        using var current = await client.GetAsync($"/usage?month={month}");
        using var past = await client.GetAsync("/usage?month=2020-01");
        using var bad = await client.GetAsync("/usage?month=2020-13");
        using var missing = await client.GetAsync("/usage");

        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<UsageResponse>(past.Content, DeliveryTestApp.Json);
        Assert.Equal(("2020-01", 0L), (body!.Month, body.Requests));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadProblemAsync()).GetProperty("errors").TryGetProperty("month", out _));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Usage_needs_a_caller()
    {
        using var anonymous = app.Browser();

        using var response = await anonymous.GetAsync("/usage/current");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
