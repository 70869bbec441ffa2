namespace ImageService.Core.Jobs;

/// <summary>How an item ended: done (with any images it created) or failed (with the reason).</summary>
public sealed record JobItemOutcome(bool Succeeded, IReadOnlyList<string> ResultImageIds, string? Error)
{
    public static JobItemOutcome Done(params IReadOnlyList<string> resultImageIds) => new(true, resultImageIds, null);

    public static JobItemOutcome Fail(string error) => new(false, [], error);
}
