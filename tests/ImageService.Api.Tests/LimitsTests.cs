using System.Net;

namespace ImageService.Api.Tests;

public sealed class LimitsTests
{
    [Fact]
    public async Task A_file_over_the_maximum_is_413_too_large()
    {
        using var app = new ImageServiceApp(new() { ["Uploads:MaxBytes"] = "100000", ["Uploads:InlineMaxBytes"] = "100000" });
        using var client = app.CreateClient(user: "alice");

        using var response = await client.UploadAsync(TestImages.RandomBytes(150_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("urn:imageservice:problem:too-large", (await response.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Empty(app.StoredObjects());
    }

    [Fact]
    public async Task A_file_over_the_inline_limit_is_413_pointing_at_the_presigned_flow()
    {
        using var app = new ImageServiceApp(new() { ["Uploads:MaxBytes"] = "1000000", ["Uploads:InlineMaxBytes"] = "50000" });
        using var client = app.CreateClient(user: "alice");

        using var response = await client.UploadAsync(TestImages.RandomBytes(120_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:use-presigned-upload", problem.GetProperty("type").GetString());
        Assert.Contains("/images/uploads", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_beyond_the_per_user_rate_are_429_with_retry_after_while_other_users_continue()
    {
        using var app = new ImageServiceApp(new() { ["Uploads:PerUserPerMinute"] = "2" });
        using var alice = app.CreateClient(user: "alice");
        using var bob = app.CreateClient(user: "bob");
        var file = TestImages.Jpeg(64, 64);

        (await alice.UploadAsync(file)).Dispose();
        (await alice.UploadAsync(file)).Dispose();
        using var third = await alice.UploadAsync(file);
        using var bobs = await bob.UploadAsync(file);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal("urn:imageservice:problem:too-many-requests", (await third.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Created, bobs.StatusCode);
    }
}
