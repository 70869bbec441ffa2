namespace ImageService.Storage.Tests.Faults;

/// <summary>A fact that needs <see cref="TmpfsMount"/>; skipped, with the reason, where mounting is not allowed.</summary>
internal sealed class RequiresTmpfsFactAttribute : FactAttribute
{
    public RequiresTmpfsFactAttribute()
    {
        if (!TmpfsMount.CanMount)
        {
            Skip = "Needs root to mount a tiny tmpfs (a real full disk); FailureSafetyTests cover a failing blob store without it.";
        }
    }
}
