using Microsoft.Extensions.Options;

namespace ImageService.Api.Billing;

/// <summary>
/// The local (Kestrel) schedule of billing's background work: every <see cref="BillingOptions.RetryInterval"/> it
/// applies webhook events that failed to apply, and every <see cref="BillingOptions.MeterReportInterval"/> it runs the
/// meter reporter (which also resends failed reports). On AWS an EventBridge rule invokes the billing function
/// hourly for the same work (<c>POST /_lambda/scheduled</c>); a frozen Lambda sandbox runs no timers.
/// </summary>
public sealed partial class BillingWorker(
    BillingEventProcessor events,
    MeterReporter reporter,
    IOptions<BillingOptions> options,
    TimeProvider time,
    ILogger<BillingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.RetryInterval, time);
        var lastReport = time.GetTimestamp();
        try
        {
            // At start: reports left unsent by the last process go now.
            await RunSafelyAsync(() => reporter.RunAsync(stoppingToken));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunSafelyAsync(() => events.ApplyPendingAsync(stoppingToken));
                if (time.GetElapsedTime(lastReport) >= settings.MeterReportInterval)
                {
                    lastReport = time.GetTimestamp();
                    await RunSafelyAsync(() => reporter.RunAsync(stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is pending is in the store for the next process.
        }
    }

    private async Task RunSafelyAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A storage outage must not end the worker: the ledger keeps everything for the next run.
            LogRunFailed(logger, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A billing run (events or meter reports) failed; it runs again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
