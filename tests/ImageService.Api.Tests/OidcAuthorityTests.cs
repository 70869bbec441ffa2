using System.Net;
using System.Net.Http.Headers;
using ImageService.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ImageService.Api.Tests;

/// <summary>
/// Bearer tokens from an OpenID Connect issuer (<c>Auth:Authority</c>): a loopback issuer made here publishes RSA keys
/// through its discovery document and JWKS, as Cognito does; the API runs without the HS256 development key.
/// </summary>
public sealed class OidcAuthorityTests(OidcAuthorityTests.Fixture fixture) : IClassFixture<OidcAuthorityTests.Fixture>
{
    private const string Audience = "imageservice-api";

    public sealed class Fixture : IAsyncLifetime
    {
        public LoopbackOidcIssuer Issuer { get; private set; } = null!;

        public RsaSecurityKey Key { get; private set; } = null!;

        public ImageServiceApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Issuer = await LoopbackOidcIssuer.StartAsync();
            Key = Issuer.Publish(LoopbackOidcIssuer.NewKey("key-1"));
            App = AuthorityApp(Issuer);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Issuer.DisposeAsync();
        }
    }

    private readonly LoopbackOidcIssuer issuer = fixture.Issuer;
    private readonly ImageServiceApp app = fixture.App;

    [Fact]
    public async Task An_RS256_token_from_the_authority_is_accepted()
    {
        var token = issuer.CreateToken(fixture.Key, "oidc-alice", Audience);

        using var response = await GetImagesAsync(app, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadAsync<ImageListResponse>()).Items);
    }

    [Fact]
    public async Task A_cognito_access_token_without_aud_is_accepted_on_its_client_id()
    {
        var token = issuer.CreateToken(fixture.Key, "3f1c2a9e-4b7d-4e11-9a55-0c2f7e8d9b10", audience: null,
            claims: new Dictionary<string, object> { ["client_id"] = Audience, ["token_use"] = "access" });

        using var response = await GetImagesAsync(app, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_with_another_issuer_is_401()
    {
        var token = issuer.CreateToken(fixture.Key, "oidc-alice", Audience, issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other");

        using var response = await GetImagesAsync(app, token);

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        var token = issuer.CreateToken(fixture.Key, "oidc-alice", "some-other-api");

        using var response = await GetImagesAsync(app, token);

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task A_cognito_access_token_for_another_client_is_401()
    {
        var token = issuer.CreateToken(fixture.Key, "oidc-alice", audience: null, claims: new Dictionary<string, object> { ["client_id"] = "other-client" });

        using var response = await GetImagesAsync(app, token);

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var token = issuer.CreateToken(fixture.Key, "oidc-alice", Audience, expires: DateTime.UtcNow.AddMinutes(-10));

        using var response = await GetImagesAsync(app, token);

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_issuer_does_not_publish_is_401()
    {
        using var unpublished = LoopbackOidcIssuer.NewKey("key-never-published").Rsa;
        var token = issuer.CreateToken(new RsaSecurityKey(unpublished) { KeyId = "key-never-published" }, "oidc-alice", Audience);

        using var response = await GetImagesAsync(app, token);

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_401()
    {
        var token = issuer.CreateUnsignedToken("oidc-alice", Audience);
        Assert.Equal("none", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Alg);

        using var response = await GetImagesAsync(app, token);

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task A_key_the_issuer_starts_publishing_is_picked_up_without_a_restart()
    {
        await using var rotating = await LoopbackOidcIssuer.StartAsync();
        var oldKey = rotating.Publish(LoopbackOidcIssuer.NewKey("rotating-1"));
        await using var api = AuthorityApp(rotating);
        using (var before = await GetImagesAsync(api, rotating.CreateToken(oldKey, "oidc-bob", Audience)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        var fetchesBefore = rotating.JwksRequests;

        var newKey = rotating.Publish(LoopbackOidcIssuer.NewKey("rotating-2"));
        rotating.Retire(oldKey.KeyId);
        var token = rotating.CreateToken(newKey, "oidc-bob", Audience);

        // The unknown kid makes the configuration manager fetch the JWKS again; depending on the IdentityModel version
        // the request that noticed it is already retried with the new keys or the refresh completes just after it.
        var status = await StatusWithinAsync(api, token, HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(rotating.JwksRequests > fetchesBefore, $"JWKS fetched {rotating.JwksRequests} times, {fetchesBefore} before the rotation");
    }

    [Fact]
    public async Task Auth_audience_accepts_an_array()
    {
        await using var api = AuthorityApp(issuer, new()
        {
            ["Auth:Audience"] = null,
            ["Auth:Audience:0"] = "first-api",
            ["Auth:Audience:1"] = "second-api",
        });

        using var second = await GetImagesAsync(api, issuer.CreateToken(fixture.Key, "oidc-carol", "second-api"));
        using var other = await GetImagesAsync(api, issuer.CreateToken(fixture.Key, "oidc-carol", Audience));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await AssertRejectedAsync(other);
    }

    [Theory]
    [InlineData("http://issuer.example.com/", "https")]
    [InlineData("not a url", "absolute")]
    public void An_authority_that_is_not_https_or_loopback_fails_at_start(string authority, string expected)
    {
        using var api = new ImageServiceApp(new() { ["Auth:Authority"] = authority, ["Auth:SigningKey"] = "" });

        var failure = Assert.Throws<OptionsValidationException>(() => api.CreateClient());

        Assert.Contains("Auth:Authority", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_https_authority_starts_without_fetching_anything()
    {
        await using var api = new ImageServiceApp(new() { ["Auth:Authority"] = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example", ["Auth:SigningKey"] = "" });
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The API validating tokens from <paramref name="issuer"/> only: no development key or issuer.</summary>
    private static ImageServiceApp AuthorityApp(LoopbackOidcIssuer issuer, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Auth:Authority"] = issuer.Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:Issuer"] = "",
            ["Auth:SigningKey"] = "",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        return new ImageServiceApp(all);
    }

    private static async Task<HttpResponseMessage> GetImagesAsync(ImageServiceApp api, string token)
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/images");
    }

    private static async Task<HttpStatusCode> StatusWithinAsync(ImageServiceApp api, string token, HttpStatusCode wanted, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            using var response = await GetImagesAsync(api, token);
            if (response.StatusCode == wanted || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }
            await Task.Delay(100);
        }
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:unauthorized", problem.GetProperty("type").GetString());
        Assert.Equal("Authentication is required.", problem.GetProperty("title").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("The bearer token was rejected.", problem.GetProperty("detail").GetString());
        Assert.Equal("/images", problem.GetProperty("instance").GetString());
    }
}
