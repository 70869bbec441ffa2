namespace ImageService.Api.Auth;

/// <summary>
/// Configuration section <c>Auth</c>. In AWS, API Gateway's JWT authorizer validates tokens and the Lambda host puts
/// the claims into HttpContext.User before the app runs, so nothing here is needed there. Elsewhere the app validates
/// bearer tokens itself, from an OIDC issuer (<see cref="Authority"/>), a shared HS256 key (<see cref="SigningKey"/>),
/// or both; without either no bearer token is accepted by the app itself.
/// </summary>
public sealed record AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>An OpenID Connect issuer URL (Cognito <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>, Auth0,
    /// Entra, Keycloak). Its discovery document and JWKS are fetched and cached; the token's <c>iss</c> must be the
    /// document's <c>issuer</c>. https is required unless the host is loopback.</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>iss</c> of tokens signed with <see cref="SigningKey"/>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>Accepted audiences: <c>Auth:Audience</c> is one string or an array (both forms are merged, see
    /// <see cref="AuthConfiguration.Audiences"/>). A token passes when its <c>aud</c> names one of them or, for tokens
    /// without <c>aud</c> (Cognito access tokens), when its <c>client_id</c> does, as API Gateway's JWT authorizer does.
    /// The first is the audience of development tokens.</summary>
    public string[] Audience { get; set; } = [];

    /// <summary>HS256 secret, at least 32 characters. The development value lives in appsettings.Development.json;
    /// elsewhere supply it through the environment (Auth__SigningKey) or a secret store, never in a committed file.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of tokens minted by the development <c>token</c> command.</summary>
    public TimeSpan DevelopmentTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
