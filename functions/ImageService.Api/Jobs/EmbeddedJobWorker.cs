using ImageService.Core.Jobs;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Jobs;

/// <summary>
/// The worker in the same process (a backend whose <see cref="JobWorkerPolicy.InProcess"/> says so, the embedded one,
/// unless <see cref="JobsOptions.WorkerEnabled"/> is false):
/// <see cref="JobsOptions.WorkerConcurrency"/> loops, each receiving one message at a time (long polling) and handing it
/// to <see cref="JobDispatcher"/>. Stopping cancels the work in hand without acknowledging it, so those messages come
/// back after their visibility timeout, on this start or the next. Beside the loops, <see cref="JobOutboxSweeper"/> runs at
/// start and every <see cref="JobsOptions.OutboxSweepInterval"/>, for messages a crash kept from the queue.
/// </summary>
public sealed partial class EmbeddedJobWorker(IJobQueue queue, JobDispatcher dispatcher, JobOutboxSweeper sweeper, JobWorkerPolicy policy,
    IOptions<JobsOptions> options, TimeProvider time, ILogger<EmbeddedJobWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !policy.InProcess || !options.Value.WorkerEnabled
        ? Task.CompletedTask
        : Task.WhenAll(Enumerable.Range(0, options.Value.WorkerConcurrency).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None))
            .Append(Task.Run(() => SweepLoopAsync(stoppingToken), CancellationToken.None)));

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store or the queue did not answer; the entries stay for the next sweep.
                LogSweepFailed(logger, ex);
            }
            try
            {
                await Task.Delay(options.Value.OutboxSweepInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var message in await queue.ReceiveAsync(1, options.Value.VisibilityTimeout, ReceiveWait, stoppingToken).ConfigureAwait(false))
                {
                    await dispatcher.HandleAsync(message, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The queue or the store did not answer; the message (if any) returns after its visibility timeout.
                LogLoopFailed(logger, ex);
                try
                {
                    await Task.Delay(PauseAfterFailure, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The job outbox sweep failed; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job worker could not receive or settle a message; trying again")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
