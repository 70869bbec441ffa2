namespace ImageService.Core.Billing;

/// <summary>
/// A verified webhook event, stored by id before the webhook answers (<see cref="IBillingStore.RecordEventAsync"/>) and
/// applied afterwards, at least once. The ids it names are read from the payload at receipt: the subscription to
/// fetch (<see cref="SubscriptionId"/>) and, for a checkout, the account (<c>client_reference_id</c>).
/// </summary>
public sealed record BillingEvent
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    /// <summary>When Stripe created the event (a payment failure's time starts the grace period).</summary>
    public required DateTimeOffset Created { get; init; }
    public string? SubscriptionId { get; init; }
    public string? AccountId { get; init; }
    public string? CustomerId { get; init; }
    /// <summary>The raw body as received, kept for audits and reprocessing.</summary>
    public required string Payload { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? AppliedAt { get; init; }
    public int Attempts { get; init; }
}
