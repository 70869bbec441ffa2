namespace ImageService.Api.Auth;

/// <summary>
/// Configuration section <c>Auth</c>. In AWS, API Gateway's JWT authorizer validates tokens and the Lambda host puts
/// the claims into HttpContext.User before the app runs, so nothing here is needed there. Elsewhere the app validates
/// HS256 bearer tokens itself: tokens must carry exactly <see cref="Issuer"/> and <see cref="Audience"/> and be signed
/// with <see cref="SigningKey"/>; without a signing key no bearer token is accepted by the app itself.
/// </summary>
public sealed record AuthOptions
{
    public const string SectionName = "Auth";

    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>HS256 secret, at least 32 characters. The development value lives in appsettings.Development.json;
    /// elsewhere supply it through the environment (Auth__SigningKey) or a secret store, never in a committed file.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of tokens minted by the development <c>token</c> command.</summary>
    public TimeSpan DevelopmentTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
