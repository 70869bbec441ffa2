using System.Net;

namespace ImageService.Api.Tests;

public sealed class ProblemNegotiationTests
{
    [Fact]
    public async Task A_client_that_accepts_only_images_still_gets_a_problem_json_401_not_a_500()
    {
        using var app = new ImageServiceApp();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/images/01JD5XK8F2AAAAAAAAAAAAAAAA/thumbnail");
        request.Headers.TryAddWithoutValidation("Accept", "image/avif,image/webp,image/*");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:imageservice:problem:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handlers_problem_to_a_client_that_accepts_only_images_is_shaped_like_every_other()
    {
        using var app = new ImageServiceApp();
        using var client = app.CreateClient("alice");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/images/01JD5XK8F2AAAAAAAAAAAAAAAA/thumbnail");
        request.Headers.TryAddWithoutValidation("Accept", "image/avif,image/webp,image/*");
        using var invalid = new HttpRequestMessage(HttpMethod.Get, "/images?limit=0");
        invalid.Headers.TryAddWithoutValidation("Accept", "image/png");

        using var missing = await client.SendAsync(request);
        using var badLimit = await client.SendAsync(invalid);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var notFound = await missing.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:not-found", notFound.GetProperty("type").GetString());
        Assert.Equal("Not found.", notFound.GetProperty("title").GetString());
        Assert.Equal(32, notFound.GetProperty("correlationId").GetString()!.Length);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        var validation = await badLimit.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:validation", validation.GetProperty("type").GetString());
        Assert.True(validation.GetProperty("errors").TryGetProperty("limit", out _));
    }
}
