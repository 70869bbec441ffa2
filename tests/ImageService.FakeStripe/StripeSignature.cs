using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageService.FakeStripe;

/// <summary>Stripe's webhook signature scheme: <c>Stripe-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>.
/// Written from Stripe's documentation (docs.stripe.com/webhooks#verify-manually), so tests sign payloads the way Stripe
/// does without using the client library under test.</summary>
public static class StripeSignature
{
    public const string HeaderName = "Stripe-Signature";

    public static string Header(string payload, string secret, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(secret);
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + payload));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
