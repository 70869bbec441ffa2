using Microsoft.Extensions.Options;
using System.Net;
using System.Text.Json;

namespace ImageService.Api.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Health_reports_liveness_and_storage_readiness_without_a_token()
    {
        using var app = new ImageServiceApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("ready", body.RootElement.GetProperty("checks").GetProperty("metadata").GetString());
        Assert.Equal("ready", body.RootElement.GetProperty("checks").GetProperty("blobs").GetString());
    }

    [Fact]
    public async Task Health_is_503_problem_when_storage_does_not_answer()
    {
        using var app = new ImageServiceApp { WrapMetadataStore = inner => new UnreadyMetadataStore(inner) };
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("unavailable", problem.GetProperty("checks").GetProperty("metadata").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_its_errors_and_the_bearer_scheme()
    {
        using var app = new ImageServiceApp();
        using var client = app.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/images", "post"), ("/images", "get"), ("/images/uploads", "post"), ("/images/{id}/complete", "post"),
            ("/images/{id}", "get"), ("/images/{id}", "patch"), ("/images/{id}", "delete"), ("/images/{id}/original", "get"),
            ("/images/{id}/display", "get"), ("/images/{id}/thumbnail", "get"), ("/images/{id}/content", "get"),
            ("/uploads/{token}", "put"), ("/health", "get"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method} {path} is documented");
        }
        var upload = paths.GetProperty("/images").GetProperty("post");
        foreach (var status in new[] { "201", "400", "401", "413", "415", "422", "429", "500", "503" })
        {
            Assert.True(upload.GetProperty("responses").TryGetProperty(status, out _), $"POST /images documents {status}");
        }
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(paths.GetProperty("/images/{id}").GetProperty("patch").GetProperty("responses").TryGetProperty("412", out _));
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Theory]
    [InlineData("get", "GET", "/images/01ARZ3NDEKTSV4RRFFQ69G5FAV", true)]
    [InlineData("get", "POST", "/images", false)]
    [InlineData("get", "GET", "/images", false)]
    [InlineData("upload", "POST", "/images/uploads", true)]
    [InlineData("upload", "DELETE", "/images/01ARZ3NDEKTSV4RRFFQ69G5FAV", false)]
    [InlineData("list", "GET", "/images", true)]
    [InlineData("transform", "GET", "/images/01ARZ3NDEKTSV4RRFFQ69G5FAV/content", true)]
    [InlineData("transform", "GET", "/images/01ARZ3NDEKTSV4RRFFQ69G5FAV/original", false)]
    public async Task A_route_group_maps_only_its_own_endpoints(string group, string method, string path, bool mapped)
    {
        using var app = new ImageServiceApp(new() { ["Hosting:RouteGroup"] = group });
        using var client = app.CreateClient(user: "alice");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        using var health = await client.GetAsync("/health");

        // Mapped routes answer with their own outcome (404 for an unknown image, 201, 200); unmapped ones are 404/405
        // from routing, whose problem has no detail of ours.
        var routed = response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            || (await response.Content.ReadAsStringAsync()).Contains("No image with this id exists", StringComparison.Ordinal);
        Assert.Equal(mapped, routed);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("jobs", true)]
    [InlineData("worker", true)]
    [InlineData("upload", true)]
    [InlineData("all", true)]
    [InlineData("list", false)]
    [InlineData("get", false)]
    public async Task A_setting_is_checked_at_start_by_the_route_groups_that_use_it(string group, bool stops)
    {
        // Jobs:MaxAttempts allows 1-100: the jobs API, the worker and uploads (eager renditions) read it; a Lambda
        // function that lists images neither reads it nor pays for checking it at each cold start.
        using var app = new ImageServiceApp(new() { ["Hosting:RouteGroup"] = group, ["Jobs:MaxAttempts"] = "0" });

        if (stops)
        {
            var failure = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
            Assert.Contains(failure.Failures, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
            return;
        }
        using var client = app.CreateClient(user: "alice");
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Every_invalid_settings_type_is_reported_together_at_start()
    {
        using var app = new ImageServiceApp(new() { ["Paging:CursorKey"] = "not base64", ["Uploads:PerUserPerMinute"] = "0" });

        var failure = Assert.Throws<AggregateException>(() => app.CreateClient());

        var types = failure.Flatten().InnerExceptions.OfType<OptionsValidationException>().Select(e => e.OptionsType.Name).ToHashSet();
        Assert.Contains("PagingOptions", types);
        Assert.Contains("UploadOptions", types);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        using var app = new ImageServiceApp();
        using var client = app.CreateClient(user: "alice");

        using var response = await client.GetAsync("/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:imageservice:problem:not-found", (await response.ReadProblemAsync()).GetProperty("type").GetString());
    }

    private sealed class UnreadyMetadataStore(ImageService.Core.Images.IImageMetadataStore inner) : ForwardingImageMetadataStore(inner)
    {
        public override Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
