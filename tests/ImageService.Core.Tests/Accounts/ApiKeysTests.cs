using ImageService.Core.Accounts;

namespace ImageService.Core.Tests.Accounts;

public sealed class ApiKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Public_keys_are_pk_and_24_base62_characters_and_differ_each_time()
    {
        var a = ApiKeys.NewPublicKey();
        var b = ApiKeys.NewPublicKey();

        Assert.Matches("^pk_[0-9A-Za-z]{24}$", a);
        Assert.True(ApiKeys.IsWellFormedPublicKey(a));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_new_secret_is_shown_once_and_only_its_hash_and_prefix_are_kept()
    {
        var created = ApiKeys.Create("acct", " ci ", Now);

        Assert.Matches("^sk_[0-9A-Za-z]{64}$", created.Secret);
        Assert.Equal(ApiKeys.HashSecret(created.Secret), created.Key.SecretHash);
        Assert.Matches("^[0-9a-f]{64}$", created.Key.SecretHash);
        Assert.Equal(created.Secret[..11], created.Key.Prefix);
        Assert.DoesNotContain(created.Secret, created.Key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, created.ToString(), StringComparison.Ordinal);
        Assert.Equal("ci", created.Key.Name);
        Assert.Equal("acct", created.Key.AccountId);
        Assert.True(created.Key.IsActive);
    }

    [Fact]
    public void Secrets_are_longer_than_the_hmac_block_so_the_stored_hash_can_verify_signatures()
    {
        Assert.True(ApiKeys.Create("acct", null, Now).Secret.Length > 64);
    }

    [Fact]
    public void A_presented_secret_matches_its_active_key_among_several()
    {
        var old = ApiKeys.Create("acct", null, Now);
        var current = ApiKeys.Create("acct", null, Now);

        Assert.Same(old.Key, ApiKeys.MatchSecret(old.Secret, [current.Key, old.Key]));
        Assert.Same(current.Key, ApiKeys.MatchSecret(current.Secret, [current.Key, old.Key]));
    }

    [Fact]
    public void A_revoked_key_or_a_wrong_or_malformed_secret_matches_nothing()
    {
        var key = ApiKeys.Create("acct", null, Now);
        var other = ApiKeys.Create("acct", null, Now);

        Assert.Null(ApiKeys.MatchSecret(key.Secret, [key.Key with { RevokedAt = Now }]));
        Assert.Null(ApiKeys.MatchSecret(other.Secret, [key.Key]));
        Assert.Null(ApiKeys.MatchSecret(key.Secret[..^1], [key.Key]));
        Assert.Null(ApiKeys.MatchSecret(key.Key.SecretHash, [key.Key]));
        Assert.Null(ApiKeys.MatchSecret(null, [key.Key]));
    }

    [Theory]
    [InlineData("sk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01", true)]
    [InlineData("sk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0", false)]
    [InlineData("pk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01", false)]
    [InlineData("sk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0-", false)]
    [InlineData("", false)]
    public void Secret_shape_is_checked_before_any_lookup(string value, bool wellFormed)
    {
        Assert.Equal(wellFormed, ApiKeys.IsWellFormedSecret(value));
    }

    [Fact]
    public void A_new_account_is_active_at_version_one_with_a_public_key()
    {
        var account = Account.New("user-1", "free", Now);

        Assert.Equal("user-1", account.Id);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Equal(1, account.Version);
        Assert.True(ApiKeys.IsWellFormedPublicKey(account.PublicKey));
        Assert.Empty(account.AllowedOrigins);
        Assert.False(account.RequireSignedUrls);
    }
}
