namespace ImageService.Core.CdnLogs;

/// <summary>What one line of a log file is: see <see cref="CdnLogLineKind"/>.</summary>
public readonly record struct CdnLogLine(CdnLogLineKind Kind, CdnLogEntry? Entry, string? Problem)
{
    public static CdnLogLine Directive { get; } = new(CdnLogLineKind.Directive, null, null);

    public static CdnLogLine Parsed(CdnLogEntry entry) => new(CdnLogLineKind.Entry, entry, null);

    public static CdnLogLine Unparsed(string problem) => new(CdnLogLineKind.Unparsed, null, problem);
}
