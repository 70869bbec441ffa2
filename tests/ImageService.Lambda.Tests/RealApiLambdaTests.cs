using System.Text.Json.Nodes;
using ImageService.Core.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageService.Lambda.Tests;

/// <summary>
/// The real API composition (the same calls as functions/ImageService.Api/Program.cs) in Lambda mode with the
/// embedded backend, driven by HTTP API events through the fake Runtime API. _HANDLER=list maps only the list group.
/// </summary>
public sealed class RealApiLambdaTests : IAsyncLifetime
{
    private RealApiInLambda _api = null!;

    private FakeRuntimeApi Runtime => _api.Runtime;

    private WebApplication App => _api.App;

    public async Task InitializeAsync() =>
        _api = await RealApiInLambda.StartAsync("list", configure: services =>
        {
            services.AddSingleton<CapturingLoggerProvider>();
            services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<CapturingLoggerProvider>());
        });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Health_answers_200_through_the_lambda_host()
    {
        var evt = Event("/health");

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.True(response.StatusCode == 200, Diagnostics(response));
        Assert.Equal("healthy", response.BodyJson.GetProperty("status").GetString());
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public async Task Listing_images_with_authorizer_claims_answers_the_callers_empty_page()
    {
        var evt = JsonNode.Parse(Events.Load("authorizer-claims.json"))!;
        evt["rawPath"] = "/images";
        evt["rawQueryString"] = "limit=5";

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.True(response.StatusCode == 200, Diagnostics(response));
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(0, response.BodyJson.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Listing_images_without_claims_is_a_401_problem()
    {
        var evt = Event("/images");

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.True(response.StatusCode == 401, Diagnostics(response));
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        Assert.Equal("urn:imageservice:problem:unauthorized", response.BodyJson.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_server_to_server_call_under_server_with_an_api_key_and_no_authorizer_lists_the_keys_account()
    {
        var accounts = App.Services.GetRequiredService<IAccountStore>();
        var account = await accounts.CreateIfAbsentAsync(Account.New("s2s-user", "free", DateTimeOffset.UtcNow));
        var key = ApiKeys.Create(account.Id, "backend", DateTimeOffset.UtcNow);
        await accounts.AddKeyAsync(key.Key);
        var withKey = Event("/server/images");
        withKey["headers"]!["x-api-key"] = key.Secret;
        var wrongKey = Event("/server/images");
        wrongKey["headers"]!["x-api-key"] = "sk_" + new string('A', 64);

        var listed = (await Runtime.InvokeAsync(withKey.ToJsonString())).Response;
        var refused = (await Runtime.InvokeAsync(wrongKey.ToJsonString())).Response;

        Assert.True(listed.StatusCode == 200, Diagnostics(listed));
        Assert.Equal(0, listed.BodyJson.GetProperty("items").GetArrayLength());
        Assert.True(refused.StatusCode == 401, Diagnostics(refused));
    }

    [Fact]
    public async Task Routes_of_other_handlers_are_not_mapped()
    {
        var evt = JsonNode.Parse(Events.Load("authorizer-claims.json"))!;
        evt["rawPath"] = "/images/0123456789abcdef";
        evt["requestContext"]!["http"]!["method"] = "DELETE";

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.True(response.StatusCode is 404 or 405, $"status {response.StatusCode}");
    }

    /// <summary>A plain anonymous GET that accepts JSON (the API answers errors as problem+json).</summary>
    private static JsonNode Event(string rawPath)
    {
        var evt = JsonNode.Parse(Events.Load("get-binary-image.json"))!;
        evt["rawPath"] = rawPath;
        evt["headers"]!["accept"] = "application/json";
        return evt;
    }

    private string Diagnostics(PostedResponse response) =>
        response.Body + Environment.NewLine + string.Join(
            Environment.NewLine,
            App.Services.GetRequiredService<CapturingLoggerProvider>().Entries.Select(e => $"{e.Message} {e.Exception}"));
}
