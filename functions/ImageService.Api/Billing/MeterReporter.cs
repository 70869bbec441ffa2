using System.Globalization;
using ImageService.Api.Usage;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Usage;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Billing;

/// <summary>
/// Reports metered overage to Stripe once an hour. A run in hour H (UTC) covers the month of the hour before H (so the
/// run just after midnight on the 1st closes the previous month): for each account with a live subscription and each
/// meter its plan prices, the month's usage past the included amount minus what the ledger already holds becomes one
/// report <c>{account}:{meter}:{H}</c>, written to the ledger with its quantity before anything is sent. Then every
/// report not yet accepted is sent; the identifier (also the idempotency key) makes a resend after a failure, a crash
/// or a second reporter count once. Reports that fail stay in the ledger and go again on the next run.
/// </summary>
public sealed partial class MeterReporter(
    IBillingStore store,
    IAccountStore accounts,
    UsageRecorder usage,
    BillingPolicy policy,
    BillingGatewayAccess gateways,
    IOptions<BillingOptions> options,
    TimeProvider time,
    ILogger<MeterReporter> logger)
{
    public const string HourFormat = "yyyy-MM-dd'T'HH";

    private static readonly BillingMeter[] Meters = [BillingMeter.Transformations, BillingMeter.Bandwidth];

    /// <summary>The report hour of a run at <paramref name="now"/> (<c>yyyy-MM-ddTHH</c>, UTC).</summary>
    public static string HourOf(DateTimeOffset now) => now.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);

    /// <summary>The instant a report of <paramref name="hour"/> stands for: the last second of the hour before it,
    /// which is in the month the report covers (also the meter event's timestamp).</summary>
    public static DateTimeOffset CoveredInstant(string hour) =>
        new DateTimeOffset(DateTime.ParseExact(hour, HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal))
            .AddSeconds(-1);

    /// <summary>Makes this hour's reports and sends every unsent one. Returns (made, sent, still unsent).</summary>
    public async Task<MeterRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var hour = HourOf(now);
        var month = UsageMonth.Of(CoveredInstant(hour));
        var made = 0;
        foreach (var accountId in await store.ListCustomerAccountIdsAsync(cancellationToken))
        {
            made += await MakeReportsAsync(accountId, hour, month, now, cancellationToken);
        }
        var (sent, unsent) = await SendPendingAsync(cancellationToken);
        return new MeterRun(hour, made, sent, unsent);
    }

    private async Task<int> MakeReportsAsync(string accountId, string hour, string month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = await accounts.GetAsync(accountId, cancellationToken);
        if (account?.Billing.CustomerId is not { } customerId || !BillingPolicy.BillsOverage(account, now))
        {
            return 0;
        }
        var plan = policy.PlanOf(account, now);
        var counters = await usage.GetAsync(accountId, month, cancellationToken);
        var ledger = await store.ListReportsAsync(accountId, month, cancellationToken);
        var made = 0;
        foreach (var meter in Meters)
        {
            if (BillableUsage.OveragePriceId(plan, meter) is null || ledger.Any(r => r.Meter == meter && r.Hour == hour))
            {
                continue;
            }
            var excess = BillableUsage.Used(counters, meter) - BillableUsage.Included(plan, meter);
            var due = excess - ledger.Where(r => r.Meter == meter).Sum(r => r.Quantity);
            if (due <= 0)
            {
                continue;
            }
            await store.AddReportAsync(new MeterReport
            {
                AccountId = accountId,
                Meter = meter,
                Hour = hour,
                Month = month,
                CustomerId = customerId,
                Quantity = due,
                CreatedAt = now,
            }, cancellationToken);
            made++;
        }
        return made;
    }

    private async Task<(int Sent, int Unsent)> SendPendingAsync(CancellationToken cancellationToken)
    {
        var gateway = gateways.Gateway;
        var pending = await store.ListUnsentReportsAsync(500, cancellationToken);
        if (gateway is null)
        {
            return (0, pending.Count);
        }
        var sent = 0;
        foreach (var report in pending)
        {
            var meterEvent = new MeterEvent(options.Value.EventName(report.Meter), report.CustomerId, report.Quantity,
                report.Identifier, CoveredInstant(report.Hour));
            try
            {
                await gateway.ReportMeterEventAsync(meterEvent, cancellationToken);
            }
            catch (Exception failure) when (failure is BillingGatewayException or HttpRequestException)
            {
                LogReportFailed(logger, failure, report.Identifier, report.Quantity);
                await store.MarkReportAsync(report, reportedAt: null, cancellationToken);
                continue;
            }
            await store.MarkReportAsync(report, time.GetUtcNow(), cancellationToken);
            LogReported(logger, report.Identifier, report.Quantity);
            sent++;
        }
        return (sent, pending.Count - sent);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meter report {Identifier} ({Quantity}) accepted by Stripe")]
    private static partial void LogReported(ILogger logger, string identifier, long quantity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meter report {Identifier} ({Quantity}) failed; kept and sent again on the next run")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string identifier, long quantity);
}
