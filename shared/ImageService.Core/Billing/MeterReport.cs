namespace ImageService.Core.Billing;

/// <summary>
/// One row of the meter-report ledger: the overage of one account and meter reported in one hour. Written (with its
/// quantity fixed) before it is sent, so a retry or a restart sends exactly the same event with the same
/// <see cref="Identifier"/>; <see cref="ReportedAt"/> is set once Stripe accepted it.
/// </summary>
public sealed record MeterReport
{
    public required string AccountId { get; init; }
    public required BillingMeter Meter { get; init; }
    /// <summary>The report's hour, <c>yyyy-MM-ddTHH</c> (UTC).</summary>
    public required string Hour { get; init; }
    /// <summary>The usage month the quantity belongs to (<c>yyyy-MM</c>).</summary>
    public required string Month { get; init; }
    public required string CustomerId { get; init; }
    public required long Quantity { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReportedAt { get; init; }
    public int Attempts { get; init; }

    /// <summary><c>{account}:{meter}:{hour}</c>: the meter event's identifier and idempotency key.</summary>
    public string Identifier => $"{AccountId}:{(Meter == BillingMeter.Transformations ? "transformations" : "bandwidth")}:{Hour}";
}
