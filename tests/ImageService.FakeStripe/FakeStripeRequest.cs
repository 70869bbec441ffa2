namespace ImageService.FakeStripe;

/// <summary>One API request the fake received: method, path, the form (or query) fields exactly as Stripe's
/// form encoding names them (<c>line_items[0][price]</c>, <c>metadata[account_id]</c>) and the Idempotency-Key.</summary>
public sealed record FakeStripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Fields, string? IdempotencyKey);
