namespace ImageService.Storage.Aws;

internal enum ClaimStatus
{
    /// <summary>The claim item names the caller now.</summary>
    Claimed,

    /// <summary>Another holder's claim binds (its record carries the name, or the write that made it may still land).</summary>
    HeldByAnother,

    /// <summary>Rival writers kept replacing the item faster than this call could take it; the caller may try again.</summary>
    Contended,
}
