using System.Net;

namespace ImageService.Api.Tests.Delivery;

/// <summary>Rate limit and quotas on the tiny plan of the test configuration.</summary>
public sealed class LimitsTests(LimitsTests.Fixture fixture) : IClassFixture<LimitsTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new();

        public void Dispose() => Delivery.Dispose();
    }

    private readonly DeliveryTestApp app = fixture.Delivery;

    [Fact]
    public async Task Exactly_the_plans_rate_of_fifty_parallel_requests_pass_and_the_rest_get_429_with_retry_after()
    {
        var account = await app.AccountAsync("lim-rate", plan: "tiny");
        var image = await app.UploadAsync("lim-rate");
        using var browser = app.Browser();
        var url = $"/{account.PublicKey}/{image}?w=32";

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => browser.GetAsync(url)));

        Assert.Equal(DeliveryTestApp.TinyRate, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(refused, r => Assert.Equal("1", Assert.Single(r.Headers.GetValues("Retry-After"))));
        Assert.Equal("urn:imageservice:problem:too-many-requests", (await refused[0].ReadProblemAsync()).GetProperty("type").GetString());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_monthly_transformation_quota_allows_exactly_its_renders_and_cached_results_keep_flowing()
    {
        var account = await app.AccountAsync("lim-quota", plan: "tiny");
        var image = await app.UploadAsync("lim-quota");
        using var browser = app.Browser();
        var delivered = 0;
        async Task<HttpResponseMessage> Get(int width)
        {
            // A new second per request keeps the tiny rate limit out of this test.
            app.Time.Advance(TimeSpan.FromSeconds(1));
            var response = await browser.GetAsync($"/{account.PublicKey}/{image}?w={width}");
            await app.UsageAfterAsync("lim-quota", ++delivered);
            return response;
        }

        using var first = await Get(30);
        using var second = await Get(31);
        using var third = await Get(32);
        using var cached = await Get(30);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var problem = await third.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:quota-exceeded", problem.GetProperty("type").GetString());
        Assert.Equal("transformations", problem.GetProperty("quota").GetString());
        Assert.True(int.Parse(Assert.Single(third.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        var usage = await app.UsageAsync("lim-quota");
        Assert.Equal((4L, 2L, 1L), (usage.Requests, usage.Transformations, usage.CacheHits));
    }
}
