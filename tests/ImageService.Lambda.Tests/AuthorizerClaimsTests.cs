using System.Text.Json.Nodes;
using ImageService.Api.Hosting;
using ImageService.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ImageService.Lambda.Tests;

/// <summary>
/// The real API in Lambda mode with its own token validation configured (<c>Auth:Authority</c>, a loopback OIDC issuer
/// made here): a request whose claims API Gateway's JWT authorizer already validated is served on those claims, and
/// its bearer token is not validated a second time; the same token without authorizer claims is validated and refused.
/// </summary>
public sealed class AuthorizerClaimsTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imageservice-lambda-auth-").FullName;
    private LoopbackOidcIssuer _issuer = null!;
    private FakeRuntimeApi _runtime = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _issuer = await LoopbackOidcIssuer.StartAsync();
        _issuer.Publish(LoopbackOidcIssuer.NewKey("issuer-key"));
        _runtime = await FakeRuntimeApi.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LambdaEnvironment.RuntimeApiVariable] = _runtime.Address,
            [LambdaEnvironment.HandlerVariable] = "list",
            ["Storage:Backend"] = "Local",
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Paging:CursorKey"] = Convert.ToBase64String(new byte[32]),
            ["Auth:Authority"] = _issuer.Issuer,
            ["Auth:Audience"] = "5example0clientid",
        });
        builder.UseLambdaHostingWhenConfigured();
        builder.Logging.ClearProviders();
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddImageServiceApi(builder.Configuration);
        _app = builder.Build();
        _app.UseImageServiceApi();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _runtime.DisposeAsync();
        await _issuer.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Authorizer_claims_are_used_and_the_token_is_not_validated_again()
    {
        // The fixture's Authorization header is not a token this issuer signed: validating it would fail.
        var evt = ListEvent();

        var response = (await _runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.True(response.StatusCode == 200, response.Body);
        Assert.Equal(0, response.BodyJson.GetProperty("items").GetArrayLength());
        Assert.Equal((0, 0), (_issuer.DiscoveryRequests, _issuer.JwksRequests));
    }

    [Fact]
    public async Task Without_authorizer_claims_the_same_token_is_validated_and_refused()
    {
        var evt = ListEvent();
        evt["requestContext"]!.AsObject().Remove("authorizer");

        var response = (await _runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.True(response.StatusCode == 401, response.Body);
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers["WWW-Authenticate"]);
        Assert.Equal("urn:imageservice:problem:unauthorized", response.BodyJson.GetProperty("type").GetString());
        Assert.Equal("The bearer token was rejected.", response.BodyJson.GetProperty("detail").GetString());
        Assert.True(_issuer.DiscoveryRequests >= 1, "the app fetched the issuer's metadata to validate the token");
    }

    private static JsonNode ListEvent()
    {
        var evt = JsonNode.Parse(Events.Load("authorizer-claims.json"))!;
        evt["rawPath"] = "/images";
        evt["requestContext"]!["http"]!["path"] = "/images";
        return evt;
    }
}
