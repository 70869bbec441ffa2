using ImageService.Contracts.Dashboard;
using ImageService.Dashboard.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Dashboard.Tests;

public sealed class CognitoSignInTests : DashboardTestContext
{
    public CognitoSignInTests() : base(DashboardConfig.Cognito)
    {
    }

    [Fact]
    public void The_challenge_is_rfc_7636s_s256_of_the_verifier() =>
        // RFC 7636 appendix B: the example verifier and its S256 challenge.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", CognitoSignIn.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Fact]
    public void The_authorize_url_asks_for_a_code_with_pkce_and_the_callback()
    {
        var cognito = Services.GetRequiredService<CognitoSignIn>();

        var url = new Uri(cognito.AuthorizeUrl("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "state-1"));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);

        Assert.Equal("https://auth.example.test/oauth2/authorize", url.GetLeftPart(UriPartial.Path));
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("client-1", query["client_id"]);
        Assert.Equal("http://localhost/callback", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", query["code_challenge"]);
        Assert.Equal("state-1", query["state"]);
    }

    [Fact]
    public async Task A_callback_whose_state_differs_is_refused()
    {
        Storage.SetItem("imageservice.pkce.state", "expected-state");
        Storage.SetItem("imageservice.pkce.verifier", "verifier");
        var cognito = Services.GetRequiredService<CognitoSignIn>();

        var (returnPath, error) = await cognito.CompleteAsync("code-1", "forged-state");

        Assert.Null(returnPath);
        Assert.NotNull(error);
        Assert.False(Services.GetRequiredService<Session>().IsSignedIn);
    }

    [Fact]
    public async Task The_code_is_exchanged_with_the_verifier_for_a_session()
    {
        Storage.SetItem("imageservice.pkce.state", "state-1");
        Storage.SetItem("imageservice.pkce.verifier", "verifier-1");
        Storage.SetItem("imageservice.pkce.return", "billing");
        Api.On(System.Net.Http.HttpMethod.Post, "/oauth2/token", 200, """{"access_token":"cognito-token","expires_in":3600,"token_type":"Bearer"}""");
        var cognito = Services.GetRequiredService<CognitoSignIn>();

        var (returnPath, error) = await cognito.CompleteAsync("code-1", "state-1");

        Assert.Null(error);
        Assert.Equal("billing", returnPath);
        var exchange = Assert.Single(Api.Requests, r => r.PathAndQuery == "/oauth2/token");
        Assert.Equal("grant_type=authorization_code&client_id=client-1&code=code-1&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback&code_verifier=verifier-1", exchange.Body);
        Assert.Null(exchange.Authorization);
        var session = Services.GetRequiredService<Session>();
        Assert.True(session.IsSignedIn);
        Assert.Equal("cognito-token", session.AccessToken);
        Assert.Equal(Now.AddSeconds(3600), session.ExpiresAt);
        Assert.False(Storage.Items.ContainsKey("imageservice.pkce.verifier")); // used once
        Assert.False(Storage.Items.ContainsKey("imageservice.pkce.state"));
    }

    [Fact]
    public void Beginning_keeps_a_fresh_verifier_and_state_for_the_callback_and_sends_their_challenge()
    {
        var cognito = Services.GetRequiredService<CognitoSignIn>();

        cognito.Begin("keys");
        var verifier = Storage.Items["imageservice.pkce.verifier"];
        var state = Storage.Items["imageservice.pkce.state"];
        cognito.Begin("keys");

        Assert.Equal("keys", Storage.Items["imageservice.pkce.return"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", verifier); // 32 random bytes, base64url
        Assert.NotEqual(verifier, Storage.Items["imageservice.pkce.verifier"]);
        Assert.NotEqual(state, Storage.Items["imageservice.pkce.state"]);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(Navigation.Uri).Query);
        Assert.Equal(Storage.Items["imageservice.pkce.state"], query["state"]);
        Assert.Equal(CognitoSignIn.Challenge(Storage.Items["imageservice.pkce.verifier"]), query["code_challenge"]);
    }
}
