using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ImageService.Core.Accounts;
using ImageService.Core.Usage;

namespace ImageService.Core.CdnLogs;

/// <summary>
/// Turns one CloudFront access log object into edge usage: parses every line (<see cref="CdnLogParser"/>), attributes
/// each viewer request to an account by the public key that starts <c>cs-uri-stem</c> (<c>/{publicKey}/…</c>, the
/// delivery route) or else by the custom domain in <c>x-host-header</c>, sums requests and <c>sc-bytes</c> per account
/// and month (UTC, by the line's date), and hands the sums to the <see cref="ICdnLogLedger"/>, which applies them
/// exactly once. The whole object is read before anything is applied, so a failure while reading adds nothing.
/// </summary>
public sealed class CdnLogIngestor(IAccountStore accounts, ICdnLogLedger ledger)
{
    private const int SampleSize = 10;

    /// <param name="content">The object's bytes: gzip when <paramref name="source"/> ends with <c>.gz</c> (what
    /// CloudFront writes), else plain text.</param>
    public async Task<CdnLogIngestResult> IngestAsync(Stream content, string source, string? etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var tally = new Tally();
        var attribution = new Dictionary<string, string?>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var gzip = source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(content, CompressionMode.Decompress, leaveOpen: true)
            : null;
        await using (gzip)
        {
            using var reader = new StreamReader(gzip ?? content, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var parser = new CdnLogParser();
            long number = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                // The id hashes the text line by line (line ends normalised): a re-compressed copy is the same log.
                hash.AppendData(Encoding.UTF8.GetBytes(line));
                hash.AppendData("\n"u8);
                var parsed = parser.Parse(line);
                switch (parsed.Kind)
                {
                    case CdnLogLineKind.Unparsed:
                        tally.Lines++;
                        tally.Unparsed++;
                        Sample(tally.UnparsedSamples, FormattableString.Invariant($"line {number}: {parsed.Problem}"));
                        break;
                    case CdnLogLineKind.Entry:
                        tally.Lines++;
                        var entry = parsed.Entry!;
                        var (target, accountId) = await AttributeAsync(entry, attribution, cancellationToken);
                        if (accountId is null)
                        {
                            tally.Unattributed++;
                            Sample(tally.UnattributedSamples, target);
                        }
                        else
                        {
                            tally.Add(accountId, UsageMonth.Of(entry.Timestamp), entry.ScBytes);
                        }
                        break;
                }
            }
        }
        var id = Convert.ToHexStringLower(hash.GetHashAndReset());

        var logObject = new CdnLogObject(id, source, etag);
        var deltas = tally.Deltas();
        var outcome = await ledger.ApplyAsync(logObject, deltas, cancellationToken);
        return new CdnLogIngestResult(logObject, outcome, tally.Lines, tally.Unparsed, tally.Unattributed, deltas,
            tally.UnparsedSamples, tally.UnattributedSamples);
    }

    /// <summary>The account of a request, and what it was looked up by (for the unattributed sample).</summary>
    private async Task<(string Target, string? AccountId)> AttributeAsync(CdnLogEntry entry, Dictionary<string, string?> known,
        CancellationToken cancellationToken)
    {
        var firstSegment = FirstSegment(entry.UriStem);
        if (ApiKeys.IsWellFormedPublicKey(firstSegment))
        {
            var target = "key " + firstSegment;
            if (!known.TryGetValue(target, out var accountId))
            {
                accountId = (await accounts.FindByPublicKeyAsync(firstSegment, cancellationToken))?.Id;
                known[target] = accountId;
            }
            return (target, accountId);
        }
        if (CustomDomains.FromRequestHost(entry.HostHeader) is { } host)
        {
            var target = "host " + host;
            if (!known.TryGetValue(target, out var accountId))
            {
                accountId = (await accounts.FindByCustomDomainAsync(host, cancellationToken))?.Id;
                known[target] = accountId;
            }
            return (target, accountId);
        }
        return ("no key or custom domain: " + (entry.HostHeader ?? "-") + entry.UriStem, null);
    }

    private static string FirstSegment(string uriStem)
    {
        var rest = uriStem.AsSpan(1);
        var slash = rest.IndexOf('/');
        return (slash < 0 ? rest : rest[..slash]).ToString();
    }

    private static void Sample(List<string> samples, string value)
    {
        if (samples.Count < SampleSize && !samples.Contains(value, StringComparer.Ordinal))
        {
            samples.Add(value);
        }
    }

    private sealed class Tally
    {
        private readonly Dictionary<(string AccountId, string Month), (long Requests, long Bytes)> _sums = [];

        public long Lines { get; set; }
        public long Unparsed { get; set; }
        public long Unattributed { get; set; }
        public List<string> UnparsedSamples { get; } = [];
        public List<string> UnattributedSamples { get; } = [];

        public void Add(string accountId, string month, long bytes)
        {
            var key = (accountId, month);
            var (requests, sum) = _sums.GetValueOrDefault(key);
            _sums[key] = (requests + 1, sum + bytes);
        }

        public IReadOnlyList<EdgeUsageDelta> Deltas() =>
        [
            .. _sums.OrderBy(p => p.Key.AccountId, StringComparer.Ordinal).ThenBy(p => p.Key.Month, StringComparer.Ordinal)
                .Select(p => new EdgeUsageDelta(p.Key.AccountId, p.Key.Month, p.Value.Requests, p.Value.Bytes)),
        ];
    }
}
