namespace ImageService.Core.Billing;

/// <summary>
/// Webhook events by id and the meter-report ledger, beside the accounts on both backends (SQLite, DynamoDB). Inserts
/// are insert-if-absent, so a redelivered event or a second reporter changes nothing.
/// </summary>
public interface IBillingStore
{
    /// <summary>Stores the event unless its id is known; false for a repeated delivery.</summary>
    Task<bool> RecordEventAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default);

    Task<BillingEvent?> GetEventAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Events not yet applied, oldest first.</summary>
    Task<IReadOnlyList<BillingEvent>> ListUnappliedEventsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks the event applied (<paramref name="appliedAt"/>), or counts a failed attempt when null.</summary>
    Task MarkEventAsync(string eventId, DateTimeOffset? appliedAt, CancellationToken cancellationToken = default);

    /// <summary>Stores the report unless one exists for its account, meter and hour; returns the stored one.</summary>
    Task<MeterReport> AddReportAsync(MeterReport report, CancellationToken cancellationToken = default);

    /// <summary>Marks the report sent (<paramref name="reportedAt"/>), or counts a failed attempt when null.</summary>
    Task MarkReportAsync(MeterReport report, DateTimeOffset? reportedAt, CancellationToken cancellationToken = default);

    /// <summary>The account's reports for a usage month, sent or not.</summary>
    Task<IReadOnlyList<MeterReport>> ListReportsAsync(string accountId, string month, CancellationToken cancellationToken = default);

    /// <summary>Reports not yet accepted by Stripe, oldest first.</summary>
    Task<IReadOnlyList<MeterReport>> ListUnsentReportsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Ids of the accounts that have a Stripe customer (the candidates for metered overage).</summary>
    Task<IReadOnlyList<string>> ListCustomerAccountIdsAsync(CancellationToken cancellationToken = default);
}
