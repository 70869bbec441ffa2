using System.Globalization;

namespace ImageService.Core.CdnLogs;

/// <summary>
/// Reads the lines of one CloudFront standard access log file (W3C extended format: <c>#Version:</c> and
/// <c>#Fields:</c> directives, then one tab-separated line per viewer request, <c>-</c> for an empty value). Columns are
/// found by the names of the latest <c>#Fields:</c> line (the documented order when a file has none). A line that does
/// not parse is reported, never thrown: one bad line must not stop a file from counting. One instance per file.
/// </summary>
public sealed class CdnLogParser
{
    private Columns _columns = Columns.From(CdnLogFields.Documented);

    public CdnLogLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length == 0 || line.StartsWith('#'))
        {
            if (line.StartsWith("#Fields:", StringComparison.Ordinal))
            {
                _columns = Columns.From(line["#Fields:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }
            return CdnLogLine.Directive;
        }

        if (_columns.Missing is { } missing)
        {
            return CdnLogLine.Unparsed($"The #Fields line has no '{missing}' field.");
        }
        var values = line.Split('\t');
        if (values.Length < _columns.Needed)
        {
            return CdnLogLine.Unparsed(string.Create(CultureInfo.InvariantCulture,
                $"Expected at least {_columns.Needed} tab-separated fields, found {values.Length}."));
        }
        if (!DateOnly.TryParseExact(values[_columns.Date], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return CdnLogLine.Unparsed($"'{values[_columns.Date]}' is not a date (yyyy-MM-dd).");
        }
        if (!TimeOnly.TryParseExact(values[_columns.Time], "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return CdnLogLine.Unparsed($"'{values[_columns.Time]}' is not a time (HH:mm:ss).");
        }
        if (!long.TryParse(values[_columns.ScBytes], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            return CdnLogLine.Unparsed($"sc-bytes '{values[_columns.ScBytes]}' is not a byte count.");
        }
        var stem = values[_columns.UriStem];
        if (!stem.StartsWith('/'))
        {
            return CdnLogLine.Unparsed($"cs-uri-stem '{stem}' is not a path.");
        }

        var host = _columns.HostHeader is { } hostColumn && hostColumn < values.Length ? Value(values[hostColumn]) : null;
        int? status = _columns.Status is { } statusColumn && statusColumn < values.Length
            && int.TryParse(values[statusColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
        return CdnLogLine.Parsed(new CdnLogEntry(date, time, stem, host, status, bytes));
    }

    private static string? Value(string field) => field is "-" or "" ? null : field;

    /// <summary>Where the fields the parser needs are; <see cref="Needed"/> is how many columns a line must have.</summary>
    private sealed record Columns(int Date, int Time, int ScBytes, int UriStem, int? HostHeader, int? Status, int Needed, string? Missing)
    {
        public static Columns From(IReadOnlyList<string> names)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                index.TryAdd(names[i], i);
            }
            string[] required = [CdnLogFields.Date, CdnLogFields.Time, CdnLogFields.ScBytes, CdnLogFields.UriStem];
            var missing = required.FirstOrDefault(name => !index.ContainsKey(name));
            if (missing is not null)
            {
                return new Columns(0, 0, 0, 0, null, null, 0, missing);
            }
            var date = index[CdnLogFields.Date];
            var time = index[CdnLogFields.Time];
            var bytes = index[CdnLogFields.ScBytes];
            var stem = index[CdnLogFields.UriStem];
            int? host = index.TryGetValue(CdnLogFields.HostHeader, out var h) ? h : null;
            int? status = index.TryGetValue(CdnLogFields.Status, out var s) ? s : null;
            return new Columns(date, time, bytes, stem, host, status, Math.Max(Math.Max(date, time), Math.Max(bytes, stem)) + 1, null);
        }
    }
}
