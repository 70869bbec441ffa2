using System.Net;
using ImageService.Api.Tests.Delivery;

namespace ImageService.Api.Tests.Hardening;

/// <summary>Every answer carries the security headers, whichever layer wrote it (handler, problem, authentication
/// challenge, exception handler, status code pages, delivery).</summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private readonly DeliveryTestApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Json_problems_challenges_images_and_failures_all_carry_the_security_headers()
    {
        var account = await app.AccountAsync("headers");
        var image = await app.UploadAsync("headers");
        using var owner = app.Client("headers");
        using var anonymous = app.Browser();

        var answers = new List<HttpResponseMessage>
        {
            await anonymous.GetAsync("/health"),                                   // 200 JSON
            await anonymous.GetAsync("/images"),                                   // 401 challenge
            await owner.GetAsync("/images/01JK3ZQ8W6M2T4XH7C9RDV5N1E"), // 404 problem
            await owner.GetAsync($"/images/{image}/content?w=40"),                 // image through the API
            await anonymous.GetAsync($"/{account.PublicKey}/{image}?w=40"),       // delivery
            await anonymous.GetAsync($"/{account.PublicKey}/{image}?w=banana"),   // 400 problem
            await owner.DeleteAsync("/health"),                                    // 405 from routing
        };

        foreach (var answer in answers)
        {
            var what = $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri} -> {(int)answer.StatusCode}";
            Assert.True(answer.Headers.TryGetValues("X-Content-Type-Options", out var nosniff), what);
            Assert.Equal("nosniff", Assert.Single(nosniff));
            Assert.Equal("no-referrer", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("default-src 'none'; frame-ancestors 'none'; sandbox", Assert.Single(answer.Headers.GetValues("Content-Security-Policy")));
            answer.Dispose();
        }
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.MethodNotAllowed],
            answers.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task A_500_written_by_the_exception_handler_keeps_the_headers()
    {
        using var failing = new ImageServiceApp { WrapMetadataStore = inner => new FailingMetadataStore(inner, new InvalidOperationException("boom")) };
        using var client = failing.CreateClient(user: "unlucky");

        using var response = await client.UploadAsync(TestImages.Jpeg(30, 20));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task An_html_page_keeps_its_own_content_security_policy()
    {
        using var docs = new ImageServiceApp(new() { ["Api:Docs"] = "true" });
        using var client = docs.CreateClient();

        using var response = await client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Content-Security-Policy"), "the reference page loads scripts; 'default-src none' would break it");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
