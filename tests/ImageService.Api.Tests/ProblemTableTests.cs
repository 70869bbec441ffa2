using System.Net;
using System.Text.Json;
using ImageService.Api.Problems;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using ImageService.Lambda;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Tests;

/// <summary>Answers shaped by the one problem table: what a 404 names, and titles that do not depend on which layer answered.</summary>
public sealed class ProblemTableTests
{
    [Theory]
    [InlineData(StoredItem.Image, "No image with this id exists.")]
    [InlineData(StoredItem.Account, "No account with this id exists.")]
    [InlineData(StoredItem.Key, "No key with this id exists.")]
    [InlineData(StoredItem.ImageFile, "A stored file of this image is missing.")]
    public async Task A_missing_item_is_a_404_that_names_what_is_missing(StoredItem item, string expectedDetail)
    {
        using var app = new ImageServiceApp();
        using var scope = app.Services.CreateScope();
        var handler = scope.ServiceProvider.GetServices<IExceptionHandler>().OfType<ApiExceptionHandler>().Single();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/account";
        using var body = new MemoryStream();
        context.Response.Body = body;

        Assert.True(await handler.TryHandleAsync(context, new NotFoundException(item, "Account a-1 does not exist."), CancellationToken.None));

        Assert.Equal(404, context.Response.StatusCode);
        using var problem = JsonDocument.Parse(body.ToArray());
        Assert.Equal("urn:imageservice:problem:not-found", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(expectedDetail, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal("Not found.", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Handler_middleware_and_framework_problems_take_their_titles_from_the_table()
    {
        using var app = new ImageServiceApp();
        using var anonymous = app.CreateClient();
        using var alice = app.CreateClient("alice");

        using var missing = await alice.GetAsync("/images/01JD5XK8F2AAAAAAAAAAAAAAAA");
        using var unauthenticated = await anonymous.GetAsync("/images");
        using var wrongMethod = await alice.PutAsync("/health", new StringContent(""));
        using var upload = await alice.PostAsync("/images/uploads", new StringContent("""{"title":"later"}""", System.Text.Encoding.UTF8, "application/json"));
        var complete = (await upload.ReadAsync<PresignedUploadResponse>()).Complete;
        using var early = await alice.PostAsync(complete, null);

        Assert.Equal(("urn:imageservice:problem:not-found", "Not found."), await TypeAndTitleAsync(missing, HttpStatusCode.NotFound));
        Assert.Equal(("urn:imageservice:problem:unauthorized", "Authentication is required."), await TypeAndTitleAsync(unauthenticated, HttpStatusCode.Unauthorized));
        Assert.Equal(("urn:imageservice:problem:method-not-allowed", "Method not allowed."), await TypeAndTitleAsync(wrongMethod, HttpStatusCode.MethodNotAllowed));
        // A site that names a specific type gets that type's title, not the framework's one for the status ("Conflict").
        Assert.Equal(("urn:imageservice:problem:upload-missing", "The upload has no file yet."), await TypeAndTitleAsync(early, HttpStatusCode.Conflict));
    }

    [Fact]
    public void The_lambda_hosts_own_500_carries_the_apis_internal_problem()
    {
        using var app = new ImageServiceApp();

        var options = app.Services.GetRequiredService<IOptions<LambdaHostingOptions>>().Value;

        Assert.Equal(("urn:imageservice:problem:internal", "An unexpected error occurred."), (options.UnhandledErrorType, options.UnhandledErrorTitle));
    }

    [Fact]
    public void Every_type_is_a_urn_of_the_service_and_listed_once()
    {
        var types = ProblemTypes.All.Select(k => k.Type).ToList();

        Assert.Equal(types.Count, types.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProblemTypes.All, kind =>
        {
            Assert.StartsWith("urn:imageservice:problem:", kind.Type, StringComparison.Ordinal);
            Assert.InRange(kind.Status, 400, 599);
            Assert.EndsWith(".", kind.Title, StringComparison.Ordinal);
        });
    }

    private static async Task<(string?, string?)> TypeAndTitleAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        return (problem.GetProperty("type").GetString(), problem.GetProperty("title").GetString());
    }
}
