namespace ImageService.Api.Tests.Delivery;

/// <summary>A clock that moves only when a test moves it: rate windows, usage months and URL expiry become deterministic.</summary>
public sealed class FrozenTime : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }
}
