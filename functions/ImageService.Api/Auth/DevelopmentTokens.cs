using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImageService.Api.Auth;

/// <summary>Mints HS256 tokens the bearer scheme accepts with <c>Auth:SigningKey</c>, for the development <c>token</c>
/// command and the tests.</summary>
public static class DevelopmentTokens
{
    public static string Create(AuthOptions options, string userId, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OwnerIds.IsValid(userId))
        {
            throw new ArgumentException("User ids are 1-128 characters: letters, digits and . _ @ + -, starting with a letter or digit.", nameof(userId));
        }
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience.FirstOrDefault(),
            Subject = new ClaimsIdentity([new Claim(OwnerIds.ClaimType, userId)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(options.DevelopmentTokenLifetime),
            SigningCredentials = new SigningCredentials(SigningKeyOf(options), SecurityAlgorithms.HmacSha256),
        });
    }

    internal static SymmetricSecurityKey SigningKeyOf(AuthOptions options) =>
        new(Encoding.UTF8.GetBytes(options.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not set.")));
}
