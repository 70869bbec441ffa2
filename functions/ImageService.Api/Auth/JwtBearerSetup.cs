using ImageService.Api.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImageService.Api.Auth;

/// <summary>
/// Turns <see cref="AuthOptions"/> into the JwtBearer scheme's options. With <c>Auth:Authority</c> JwtBearer's
/// ConfigurationManager fetches and caches the discovery document and JWKS, refreshes them periodically, and refreshes
/// early when a token names an unknown <c>kid</c> (key rotation without a restart). <c>Auth:SigningKey</c> adds the
/// HS256 development key. Both may be set at once (Development against a local issuer).
/// </summary>
internal sealed class JwtBearerSetup(IOptions<AuthOptions> authOptions, ApiProblems problems) : IConfigureNamedOptions<JwtBearerOptions>
{
    // Asymmetric algorithms only for issuer keys; HS256 only with the configured shared key. Keeping the lists apart
    // rules out algorithm confusion (a public key used as an HMAC secret) and "none".
    private static readonly string[] IssuerAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }
        var auth = authOptions.Value;
        // Claim names stay as the issuer wrote them: `sub` is the owner id.
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.RefreshOnIssuerKeyNotFound = true;
        var algorithms = new List<string>();
        if (!string.IsNullOrEmpty(auth.Authority))
        {
            options.Authority = auth.Authority;
            options.RequireHttpsMetadata = !AuthConfiguration.IsLoopback(new Uri(auth.Authority));
            algorithms.AddRange(IssuerAlgorithms);
        }
        var parameters = options.TokenValidationParameters;
        if (!string.IsNullOrEmpty(auth.SigningKey))
        {
            parameters.IssuerSigningKey = DevelopmentTokens.SigningKeyOf(auth);
            algorithms.Add(SecurityAlgorithms.HmacSha256);
        }
        // With an authority, JwtBearer adds the discovery document's issuer and keys to these.
        parameters.ValidIssuer = string.IsNullOrEmpty(auth.Issuer) ? null : auth.Issuer;
        parameters.ValidAudiences = auth.Audience;
        parameters.AudienceValidator = (audiences, token, _) => AudienceAccepted(audiences, token, auth.Audience);
        parameters.ValidAlgorithms = algorithms;
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ClockSkew = TimeSpan.FromMinutes(1);
        options.Events = new ApiJwtBearerEvents(problems);
    }

    /// <summary>The token's <c>aud</c> must name an accepted audience; a token without <c>aud</c> passes on its
    /// <c>client_id</c> (Cognito access tokens), the rule API Gateway's JWT authorizer applies.</summary>
    internal static bool AudienceAccepted(IEnumerable<string> audiences, SecurityToken token, IReadOnlyCollection<string> accepted)
    {
        var named = audiences.ToList();
        if (named.Count == 0 && token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("client_id", out var clientId))
        {
            named.Add(clientId);
        }
        return named.Exists(a => accepted.Contains(a, StringComparer.Ordinal));
    }
}
