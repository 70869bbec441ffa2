using System.Text;
using System.Text.Encodings.Web;
using ImageService.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImageService.Api.Auth;

/// <summary>
/// Validates <c>Authorization: Bearer</c> JWTs (HS256, exact issuer and audience, lifetime with one minute of skew).
/// A caller already authenticated by the hosting layer (API Gateway's JWT authorizer, via the Lambda host) is left as
/// is: this handler returns no result, the authentication middleware keeps the preset User, and the default
/// authorization policy (no explicit schemes) accepts it. Challenges answer 401 problem+json.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> authOptions,
    ApiProblems problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    private readonly JsonWebTokenHandler tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.User.Identity?.IsAuthenticated == true)
        {
            return AuthenticateResult.NoResult();
        }
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var parameters = ValidationParameters(authOptions.Value);
        if (parameters is null)
        {
            return AuthenticateResult.Fail("This deployment does not validate bearer tokens itself (no Auth:SigningKey).");
        }
        var result = await tokens.ValidateTokenAsync(header["Bearer ".Length..].Trim(), parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return AuthenticateResult.Fail(result.Exception?.Message ?? "The token is not valid.");
        }
        if (!OwnerIds.IsValid(result.ClaimsIdentity.FindFirst(OwnerIds.ClaimType)?.Value))
        {
            return AuthenticateResult.Fail("The token's subject is missing or not a valid owner id.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new(result.ClaimsIdentity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure;
        Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await problems.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            failure is null ? "A bearer token is required." : "The bearer token was rejected.").ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "The caller has no valid owner id.");

    internal static TokenValidationParameters? ValidationParameters(AuthOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            return null;
        }
        return new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            IssuerSigningKey = SigningKeyOf(options),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
    }

    internal static SymmetricSecurityKey SigningKeyOf(AuthOptions options) =>
        new(Encoding.UTF8.GetBytes(options.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not set.")));
}
