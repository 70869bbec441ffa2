using System.Globalization;
using ImageService.Api.CdnLogs;
using ImageService.Core.Accounts;
using ImageService.Core.CdnLogs;

namespace ImageService.Api.Hosting;

/// <summary>
/// <c>ingest-cdn-logs FILE|DIR</c>: applies CloudFront access log files (gzip <c>.gz</c> as CloudFront writes them, or
/// plain text) to the configured backend's edge usage, every file under DIR in path order, exactly once each: a file
/// already applied (by this command or, on AWS, by the ingest function) is skipped. For backfills and tests.
/// </summary>
internal static class IngestCdnLogsCommand
{
    public const string Name = "ingest-cdn-logs";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine($"Usage: {Name} FILE|DIR [options]   (CloudFront standard access logs, .gz or plain text)");
            return 2;
        }
        var target = args[0];
        string[] files;
        if (File.Exists(target))
        {
            files = [Path.GetFullPath(target)];
        }
        else if (Directory.Exists(target))
        {
            files = [.. Directory.EnumerateFiles(Path.GetFullPath(target), "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)];
        }
        else
        {
            Console.Error.WriteLine($"No such file or directory: {target}");
            return 1;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args[1..], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CdnLogIngestion>();
        await using var services = builder.Services.BuildServiceProvider();
        var ingestion = services.GetRequiredService<CdnLogIngestion>();
        _ = services.GetRequiredService<IAccountStore>();
        _ = services.GetRequiredService<ICdnLogLedger>();

        long applied = 0, skipped = 0, inProgress = 0, failed = 0, lines = 0, unparsed = 0, unattributed = 0;
        foreach (var file in files)
        {
            try
            {
                await using var content = File.OpenRead(file);
                var result = await ingestion.IngestAsync(content, file, etag: null, CancellationToken.None);
                lines += result.Lines;
                unparsed += result.Unparsed;
                unattributed += result.Unattributed;
                switch (result.Outcome)
                {
                    case CdnLogApplyOutcome.Applied: applied++; break;
                    case CdnLogApplyOutcome.AlreadyApplied: skipped++; break;
                    default: inProgress++; break;
                }
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Describe(result.Outcome)}: {file} ({result.Lines} lines, {result.Unparsed} unparsed, {result.Unattributed} unattributed)"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException
                or Core.Storage.StorageUnavailableException)
            {
                failed++;
                Console.Error.WriteLine($"failed: {file}: {ex.Message}");
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"objects applied: {applied}, skipped (already applied): {skipped}, lines: {lines}, unparsed: {unparsed}, unattributed: {unattributed}");
        if (inProgress > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $", in progress elsewhere: {inProgress}");
        }
        if (failed > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $", failed: {failed}");
        }
        Console.Out.WriteLine(summary);
        return failed > 0 || inProgress > 0 ? 1 : 0;
    }

    private static string Describe(CdnLogApplyOutcome outcome) => outcome switch
    {
        CdnLogApplyOutcome.Applied => "applied",
        CdnLogApplyOutcome.AlreadyApplied => "skipped (already applied)",
        _ => "in progress elsewhere (run again later)",
    };
}
