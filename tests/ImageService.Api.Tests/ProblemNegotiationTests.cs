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
}
