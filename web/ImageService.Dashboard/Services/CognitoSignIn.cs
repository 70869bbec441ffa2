using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageService.Contracts.Dashboard;
using Microsoft.AspNetCore.Components;

namespace ImageService.Dashboard.Services;

/// <summary>
/// Cognito's hosted sign-in, OAuth 2.0 authorization code with PKCE (RFC 7636) for a public client: the verifier and
/// state live in sessionStorage between the redirect and the callback; the code is exchanged at <c>/oauth2/token</c>
/// for the access token the API's JWT authorizer accepts. Small enough to own rather than pull in the OIDC library.
/// </summary>
public sealed class CognitoSignIn(DashboardConfig config, NavigationManager navigation, IBrowserStorage storage, Session session, TimeProvider time, IFetch fetch)
{
    private const string VerifierKey = "imageservice.pkce.verifier";
    private const string StateKey = "imageservice.pkce.state";
    private const string ReturnKey = "imageservice.pkce.return";

    public string RedirectUri => navigation.BaseUri + "callback";

    public void Begin(string returnPath)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        storage.SetItem(VerifierKey, verifier);
        storage.SetItem(StateKey, state);
        storage.SetItem(ReturnKey, returnPath);
        navigation.NavigateTo(AuthorizeUrl(verifier, state), forceLoad: true);
    }

    public string AuthorizeUrl(string verifier, string state) =>
        $"{Domain}/oauth2/authorize?response_type=code&client_id={Uri.EscapeDataString(config.ClientId ?? "")}" +
        $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope={Uri.EscapeDataString("openid email")}" +
        $"&state={Uri.EscapeDataString(state)}&code_challenge={Challenge(verifier)}&code_challenge_method=S256";

    /// <summary>The callback: checks the state, exchanges the code; the path to return to, or null with an error.</summary>
    public async Task<(string? ReturnPath, string? Error)> CompleteAsync(string? code, string? state)
    {
        var expected = storage.GetItem(StateKey);
        var verifier = storage.GetItem(VerifierKey);
        var returnPath = storage.GetItem(ReturnKey);
        storage.RemoveItem(StateKey);
        storage.RemoveItem(VerifierKey);
        if (string.IsNullOrEmpty(code) || expected is null || verifier is null || state != expected)
        {
            return (null, "The sign-in answer does not match the request that started it; sign in again.");
        }
        var form = string.Join('&', new KeyValuePair<string, string>[]
        {
            new("grant_type", "authorization_code"),
            new("client_id", config.ClientId ?? ""),
            new("code", code),
            new("redirect_uri", RedirectUri),
            new("code_verifier", verifier),
        }.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var response = await fetch.SendAsync(new FetchRequest("POST", $"{Domain}/oauth2/token")
        {
            Body = form,
            ContentType = "application/x-www-form-urlencoded",
            Accept = "application/json",
        });
        if (response.Status == 0)
        {
            return (null, "Cognito could not be reached: " + response.Body);
        }
        if (!response.IsSuccess)
        {
            return (null, $"Cognito refused the sign-in ({response.Status}); sign in again.");
        }
        var token = JsonSerializer.Deserialize(response.Body, DashboardJsonContext.Default.TokenResponse);
        if (token is null)
        {
            return (null, "Cognito's answer had no token.");
        }
        session.SignIn(token.AccessToken, time.GetUtcNow().AddSeconds(token.ExpiresIn), null);
        return (SignInNavigation.SafeReturnPath(returnPath), null);
    }

    /// <summary>Cognito's logout ends the hosted UI's own session too, then comes back to the sign-in page.</summary>
    public string LogoutUrl() =>
        $"{Domain}/logout?client_id={Uri.EscapeDataString(config.ClientId ?? "")}&logout_uri={Uri.EscapeDataString(navigation.BaseUri + SignInNavigation.SignInPage)}";

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private string Domain => (config.CognitoDomain ?? "").TrimEnd('/');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
