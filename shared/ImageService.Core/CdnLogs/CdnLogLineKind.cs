namespace ImageService.Core.CdnLogs;

public enum CdnLogLineKind
{
    /// <summary>A <c>#</c> directive or an empty line: nothing to count.</summary>
    Directive,
    /// <summary>A viewer request (<see cref="CdnLogLine.Entry"/>).</summary>
    Entry,
    /// <summary>A data line that does not parse (<see cref="CdnLogLine.Problem"/> says why).</summary>
    Unparsed,
}
