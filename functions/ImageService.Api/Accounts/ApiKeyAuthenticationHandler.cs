using System.Security.Claims;
using System.Text.Encodings.Web;
using ImageService.Api.Auth;
using ImageService.Api.Problems;
using ImageService.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Accounts;

/// <summary>
/// Authenticates <c>X-API-Key</c> as the key's account: the principal's <c>sub</c> is the account id, which is the
/// owner id of its images, so every endpoint behind the default policy works for server-to-server callers too. The
/// bearer scheme forwards here only when a request carries X-API-Key and no Authorization header (see
/// <see cref="AccountServices"/>), so bearer callers are untouched.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator,
    ApiProblems problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyDefaults.HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        var identity = values.Count == 1 ? await authenticator.AuthenticateAsync(values[0], Context.RequestAborted).ConfigureAwait(false) : null;
        if (identity is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked, or its account is suspended.");
        }
        var claims = new ClaimsIdentity(
            [new Claim(OwnerIds.ClaimType, identity.Account.Id), new Claim(ApiKeyDefaults.KeyIdClaim, identity.Key.Id)], Scheme.Name, OwnerIds.ClaimType, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure;
        await problems.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            failure is null ? "An API key (X-API-Key) or a bearer token is required." : "The API key was rejected.").ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "The API key's account may not do this.");
}
