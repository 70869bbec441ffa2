namespace ImageService.Storage.Tests.Accounts;

/// <summary>A clock that stands still (or moves when told), so window and expiry boundaries are exact.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
