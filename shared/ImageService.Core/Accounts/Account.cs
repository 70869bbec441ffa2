namespace ImageService.Core.Accounts;

/// <summary>
/// One customer account per JWT subject. Immutable; updates produce a new record with Version + 1 and are
/// written with <see cref="IAccountStore.UpdateAsync"/> (optimistic concurrency).
/// </summary>
public sealed record Account
{
    /// <summary>The JWT subject of the owner; images are owned by the same id.</summary>
    public required string Id { get; init; }
    public required string PlanId { get; init; }
    /// <summary>The <c>pk_…</c> key that appears in delivery URLs; public by design, unique across accounts.</summary>
    public required string PublicKey { get; init; }
    /// <summary>Validated entries (see <see cref="Delivery.AllowedOrigins"/>); empty = no origin restriction.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    /// <summary>When true (and <see cref="AllowedOrigins"/> is not empty) requests with neither Origin nor Referer are refused.</summary>
    public bool StrictOrigins { get; init; }
    public bool RequireSignedUrls { get; init; }
    /// <summary>Host names this account delivers from (<see cref="Accounts.CustomDomains"/>), normalized; each is unique across accounts.</summary>
    public IReadOnlyList<string> CustomDomains { get; init; } = [];
    /// <summary>Transform parameters applied under the request's own (a query string such as <c>q=75&amp;f=auto</c>); null = none.</summary>
    public string? DefaultTransform { get; init; }
    /// <summary>When false, delivery serves only <c>?variant={name}</c> URLs (403 <c>variant-required</c> otherwise), so
    /// nobody can ask for expensive arbitrary sizes. Default true.</summary>
    public bool AllowArbitraryTransforms { get; init; } = true;
    public AccountStatus Status { get; init; } = AccountStatus.Active;
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Optimistic-concurrency version, 1 on create.</summary>
    public required long Version { get; init; }

    /// <summary>A fresh active account with a new public key, ready for <see cref="IAccountStore.CreateIfAbsentAsync"/>.</summary>
    public static Account New(string ownerId, string planId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(planId);
        return new Account
        {
            Id = ownerId,
            PlanId = planId,
            PublicKey = ApiKeys.NewPublicKey(),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
    }
}
