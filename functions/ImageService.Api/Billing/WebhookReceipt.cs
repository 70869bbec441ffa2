namespace ImageService.Api.Billing;

/// <summary>The answer to Stripe: the event is stored (<see cref="Duplicate"/>: it was already).</summary>
public sealed record WebhookReceipt(string Id, bool Duplicate);
