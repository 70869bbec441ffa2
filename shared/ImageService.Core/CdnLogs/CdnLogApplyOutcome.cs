namespace ImageService.Core.CdnLogs;

public enum CdnLogApplyOutcome
{
    /// <summary>This call added the object's counts.</summary>
    Applied,
    /// <summary>The ledger already records the object as applied: nothing was added.</summary>
    AlreadyApplied,
    /// <summary>Another worker holds the object and has not finished (AWS): nothing was added by this call; try again
    /// later (the holder finishes it, or its lease runs out and the next attempt takes over).</summary>
    InProgress,
}
