using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests;

/// <summary>The interactive API reference at /docs (Scalar): on in Development, off elsewhere unless Api:Docs.</summary>
public sealed class DocsTests
{
    [Fact]
    public async Task Docs_are_an_html_reference_of_the_openapi_document_in_development()
    {
        await using var app = new ImageServiceApp { EnvironmentName = "Development" };
        using var client = app.CreateClient();
        Assert.Equal(app.DataDirectory, app.Services.GetRequiredService<IConfiguration>()["Storage:DataDirectory"]);

        using var response = await client.GetAsync("/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // Scalar answers /docs with a redirect to /docs/, so the page's relative asset paths resolve under it.
        var page = response.RequestMessage!.RequestUri!;
        Assert.Equal("/docs/", page.AbsolutePath);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        foreach (var asset in new[] { "scalar.js", "scalar.aspnetcore.js" })
        {
            using var script = await client.GetAsync(new Uri(page, asset));
            Assert.True(script.StatusCode == HttpStatusCode.OK, asset);
            Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
        // scalar.aspnetcore.js resolves a relative source against the site root (path base), not the page.
        using var document = await client.GetAsync(new Uri(page, "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Docs_are_not_served_in_production_by_default()
    {
        await using var app = new ImageServiceApp { EnvironmentName = "Production" };
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Api_docs_enables_them_in_production()
    {
        await using var app = new ImageServiceApp(new() { ["Api:Docs"] = "true" }) { EnvironmentName = "Production" };
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_docs_false_disables_them_in_development()
    {
        await using var app = new ImageServiceApp(new() { ["Api:Docs"] = "false" }) { EnvironmentName = "Development" };
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
