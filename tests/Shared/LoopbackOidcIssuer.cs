using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImageService.Tests.Support;

/// <summary>
/// A minimal OpenID Connect issuer on 127.0.0.1 (a random port), the way Cognito, Auth0 or Keycloak look to a resource
/// server: <c>/.well-known/openid-configuration</c> naming the issuer and a <c>jwks_uri</c>, and a JWKS with the RSA
/// public keys it currently publishes. The tests generate the keys, sign tokens with them, and rotate them while the
/// API runs. Linked into the test projects that use it.
/// </summary>
public sealed class LoopbackOidcIssuer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, RsaSecurityKey> published = new(StringComparer.Ordinal);
    private int discoveryRequests;
    private int jwksRequests;

    private LoopbackOidcIssuer(WebApplication app) => this.app = app;

    /// <summary>The issuer URL: the <c>iss</c> of its tokens and the API's <c>Auth:Authority</c>.</summary>
    public string Issuer { get; private set; } = "";

    public int DiscoveryRequests => Volatile.Read(ref discoveryRequests);

    public int JwksRequests => Volatile.Read(ref jwksRequests);

    public static async Task<LoopbackOidcIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new LoopbackOidcIssuer(app);
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref issuer.discoveryRequests);
            return Results.Text(issuer.DiscoveryDocument(), "application/json");
        });
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref issuer.jwksRequests);
            return Results.Text(issuer.KeySet(), "application/json");
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        issuer.Issuer = new Uri(address).GetLeftPart(UriPartial.Authority); // http://127.0.0.1:PORT
        return issuer;
    }

    /// <summary>A new 2048-bit RSA key, not yet published.</summary>
    public static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>From the next JWKS fetch on, the issuer lists <paramref name="key"/>'s public part.</summary>
    public RsaSecurityKey Publish(RsaSecurityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        published[key.KeyId] = key;
        return key;
    }

    public void Retire(string kid) => published.TryRemove(kid, out _);

    /// <summary>An RS256 token, by default valid for an hour, from this issuer for <paramref name="audience"/>.</summary>
    public string CreateToken(RsaSecurityKey key, string subject, string? audience, string? issuer = null,
        DateTime? expires = null, IDictionary<string, object>? claims = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            IssuedAt = expiry.AddHours(-1),
            NotBefore = expiry.AddHours(-1),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The same claims with <c>alg: none</c> and an empty signature (RFC 7519 section 6, "unsecured JWT").</summary>
    public string CreateUnsignedToken(string subject, string audience) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Expires = DateTime.UtcNow.AddHours(1),
        });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var key in published.Values)
        {
            key.Rsa.Dispose();
        }
    }

    private string DiscoveryDocument() => new JsonObject
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + "/jwks",
        ["authorization_endpoint"] = Issuer + "/oauth2/authorize",
        ["token_endpoint"] = Issuer + "/oauth2/token",
        ["response_types_supported"] = new JsonArray("code", "token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    }.ToJsonString();

    private string KeySet()
    {
        var keys = new JsonArray();
        foreach (var key in published.Values)
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            keys.Add(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            });
        }
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }
}
