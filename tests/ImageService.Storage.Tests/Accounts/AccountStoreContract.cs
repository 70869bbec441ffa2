using ImageService.Core.Accounts;
using ImageService.Core.Delivery;
using ImageService.Core.Storage;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>What every <see cref="IAccountStore"/> must do; one subclass per backend. Ids are unique per test, so a
/// shared table is fine.</summary>
public abstract class AccountStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    protected abstract IAccountStore Store { get; }

    [Fact]
    public async Task A_created_account_reads_back_by_owner_and_by_public_key_with_every_field()
    {
        var account = NewAccount() with
        {
            AllowedOrigins = ["*.example.com", "localhost:3000"],
            StrictOrigins = true,
            RequireSignedUrls = true,
            DefaultTransform = "q=75&f=auto",
            Status = AccountStatus.Suspended,
        };

        var stored = await Store.CreateIfAbsentAsync(account);

        AssertSame(account, stored);
        AssertSame(account, await Store.GetAsync(account.Id));
        AssertSame(account, await Store.FindByPublicKeyAsync(account.PublicKey));
        Assert.Null(await Store.GetAsync("nobody-" + Guid.NewGuid()));
        Assert.Null(await Store.FindByPublicKeyAsync(ApiKeys.NewPublicKey()));
    }

    [Fact]
    public async Task Arbitrary_transforms_are_allowed_by_default_and_an_update_turns_them_off_and_on()
    {
        var created = await Store.CreateIfAbsentAsync(NewAccount());
        var variantsOnly = created with { AllowArbitraryTransforms = false, Version = 2 };

        await Store.UpdateAsync(variantsOnly, expectedVersion: 1);
        var afterOff = await Store.FindByPublicKeyAsync(created.PublicKey);
        await Store.UpdateAsync(variantsOnly with { AllowArbitraryTransforms = true, Version = 3 }, expectedVersion: 2);

        Assert.True(created.AllowArbitraryTransforms);
        AssertSame(variantsOnly, afterOff);
        Assert.True((await Store.GetAsync(created.Id))!.AllowArbitraryTransforms);
    }

    [Fact]
    public async Task Racing_first_requests_of_one_user_create_exactly_one_account()
    {
        var owner = "user-" + Guid.NewGuid();
        var candidates = Enumerable.Range(0, 20).Select(_ => Account.New(owner, "free", Now)).ToList();

        var results = await Task.WhenAll(candidates.Select(c => Task.Run(() => Store.CreateIfAbsentAsync(c))));

        var publicKeys = results.Select(r => r.PublicKey).Distinct().ToList();
        Assert.Single(publicKeys);
        Assert.Contains(publicKeys[0], candidates.Select(c => c.PublicKey));
        Assert.Equal(publicKeys[0], (await Store.GetAsync(owner))!.PublicKey);
        var losers = candidates.Where(c => c.PublicKey != publicKeys[0]);
        foreach (var loser in losers)
        {
            Assert.Null(await Store.FindByPublicKeyAsync(loser.PublicKey));
        }
    }

    [Fact]
    public async Task An_update_needs_the_current_version()
    {
        var account = await Store.CreateIfAbsentAsync(NewAccount());
        var changed = account with { AllowedOrigins = ["shop.example.com"], PlanId = "pro", UpdatedAt = Now.AddMinutes(1), Version = 2 };

        await Store.UpdateAsync(changed, expectedVersion: 1);
        var stale = changed with { PlanId = "business", Version = 2 };

        await Assert.ThrowsAsync<PreconditionFailedException>(() => Store.UpdateAsync(stale, expectedVersion: 1));
        AssertSame(changed, await Store.GetAsync(account.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Store.UpdateAsync(NewAccount() with { Version = 2 }, expectedVersion: 1));
    }

    [Fact]
    public async Task Old_and_new_keys_both_verify_until_the_old_one_is_revoked()
    {
        var account = await Store.CreateIfAbsentAsync(NewAccount());
        var old = ApiKeys.Create(account.Id, "old", Now);
        var current = ApiKeys.Create(account.Id, "new", Now.AddDays(1));
        await Store.AddKeyAsync(old.Key);
        await Store.AddKeyAsync(current.Key);
        var authenticator = new ApiKeyAuthenticator(Store);
        var path = $"/{account.PublicKey}/img_1";
        var signedByOld = SignedUrls.ParseQuery(SignedUrls.CreateSignedQuery(path, [new("w", "400")], old.Key));
        var signedByNew = SignedUrls.ParseQuery(SignedUrls.CreateSignedQuery(path, [new("w", "400")], current.Key));

        var active = await Store.ListActiveKeysAsync(account.Id);
        Assert.Equal(SignatureStatus.Valid, SignedUrls.Verify(path, signedByOld, active, true, Now).Status);
        Assert.Equal(SignatureStatus.Valid, SignedUrls.Verify(path, signedByNew, active, true, Now).Status);
        Assert.Equal(old.Key.Id, (await authenticator.AuthenticateAsync(old.Secret))!.Key.Id);
        Assert.Equal(account.Id, (await authenticator.AuthenticateAsync(current.Secret))!.Account.Id);

        var revoked = await Store.RevokeKeyAsync(account.Id, old.Key.Id, Now.AddDays(2));

        Assert.Equal(Now.AddDays(2), revoked!.RevokedAt);
        active = await Store.ListActiveKeysAsync(account.Id);
        Assert.Equal(SignatureStatus.Invalid, SignedUrls.Verify(path, signedByOld, active, true, Now).Status);
        Assert.Equal(SignatureStatus.Valid, SignedUrls.Verify(path, signedByNew, active, true, Now).Status);
        Assert.Null(await authenticator.AuthenticateAsync(old.Secret));
        Assert.NotNull(await authenticator.AuthenticateAsync(current.Secret));
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_time_and_unknown_or_foreign_keys_are_not_found()
    {
        var account = await Store.CreateIfAbsentAsync(NewAccount());
        var other = await Store.CreateIfAbsentAsync(NewAccount());
        var key = ApiKeys.Create(account.Id, null, Now);
        await Store.AddKeyAsync(key.Key);

        await Store.RevokeKeyAsync(account.Id, key.Key.Id, Now.AddHours(1));
        var again = await Store.RevokeKeyAsync(account.Id, key.Key.Id, Now.AddHours(2));

        Assert.Equal(Now.AddHours(1), again!.RevokedAt);
        Assert.Null(await Store.RevokeKeyAsync(other.Id, key.Key.Id, Now));
        Assert.Null(await Store.RevokeKeyAsync(account.Id, "key_missing", Now));
    }

    [Fact]
    public async Task Keys_list_newest_first_with_revoked_ones_and_never_the_secret()
    {
        var account = await Store.CreateIfAbsentAsync(NewAccount());
        var first = ApiKeys.Create(account.Id, "first", Now);
        var second = ApiKeys.Create(account.Id, null, Now.AddMinutes(5));
        await Store.AddKeyAsync(first.Key);
        await Store.AddKeyAsync(second.Key);
        await Store.RevokeKeyAsync(account.Id, first.Key.Id, Now.AddMinutes(10));

        var all = await Store.ListKeysAsync(account.Id);
        var active = await Store.ListActiveKeysAsync(account.Id);

        Assert.Equal([second.Key.Id, first.Key.Id], all.Select(k => k.Id));
        Assert.Equal(second.Key, all[0]);
        Assert.Equal(first.Key with { RevokedAt = Now.AddMinutes(10) }, all[1]);
        Assert.Equal([second.Key.Id], active.Select(k => k.Id));
        Assert.Empty(await Store.ListKeysAsync("nobody-" + Guid.NewGuid()));
    }

    [Fact]
    public async Task A_key_id_can_be_added_only_once()
    {
        var key = ApiKeys.Create("acct-" + Guid.NewGuid(), null, Now);
        await Store.AddKeyAsync(key.Key);

        await Assert.ThrowsAsync<ConflictException>(() => Store.AddKeyAsync(key.Key with { SecretHash = ApiKeys.HashSecret("other") }));
    }

    [Fact]
    public async Task A_suspended_accounts_keys_do_not_authenticate_and_garbage_never_does()
    {
        var account = await Store.CreateIfAbsentAsync(NewAccount() with { Status = AccountStatus.Suspended });
        var key = ApiKeys.Create(account.Id, null, Now);
        await Store.AddKeyAsync(key.Key);
        var authenticator = new ApiKeyAuthenticator(Store);

        Assert.Null(await authenticator.AuthenticateAsync(key.Secret));
        Assert.Null(await authenticator.AuthenticateAsync("sk_garbage"));
        Assert.Null(await authenticator.AuthenticateAsync(key.Key.SecretHash));
        Assert.Null(await authenticator.AuthenticateAsync(null));
    }

    [Fact]
    public async Task Custom_domains_are_claimed_by_an_update_and_find_their_account()
    {
        var account = await Store.CreateIfAbsentAsync(NewAccount());
        var (first, second) = (Domain(), Domain());
        var updated = account with { CustomDomains = [first, second], Version = 2 };

        await Store.UpdateAsync(updated, expectedVersion: 1);

        AssertSame(updated, await Store.FindByCustomDomainAsync(first));
        AssertSame(updated, await Store.FindByCustomDomainAsync(second));
        AssertSame(updated, await Store.GetAsync(account.Id));
        AssertSame(updated, await Store.FindByPublicKeyAsync(account.PublicKey));
        Assert.Null(await Store.FindByCustomDomainAsync(Domain()));
    }

    [Fact]
    public async Task A_domain_another_account_holds_is_refused_and_nothing_of_the_update_is_written()
    {
        var holder = await Store.CreateIfAbsentAsync(NewAccount());
        var other = await Store.CreateIfAbsentAsync(NewAccount());
        var (held, free) = (Domain(), Domain());
        await Store.UpdateAsync(holder with { CustomDomains = [held], Version = 2 }, expectedVersion: 1);

        await Assert.ThrowsAsync<ConflictException>(() =>
            Store.UpdateAsync(other with { CustomDomains = [free, held], RequireSignedUrls = true, Version = 2 }, expectedVersion: 1));

        AssertSame(other, await Store.GetAsync(other.Id));
        Assert.Null(await Store.FindByCustomDomainAsync(free));
        Assert.Equal(holder.Id, (await Store.FindByCustomDomainAsync(held))?.Id);
    }

    [Fact]
    public async Task A_released_domain_can_be_claimed_by_another_account()
    {
        var first = await Store.CreateIfAbsentAsync(NewAccount());
        var second = await Store.CreateIfAbsentAsync(NewAccount());
        var domain = Domain();
        await Store.UpdateAsync(first with { CustomDomains = [domain], Version = 2 }, expectedVersion: 1);

        await Store.UpdateAsync(first with { CustomDomains = [], Version = 3 }, expectedVersion: 2);
        var released = await Store.FindByCustomDomainAsync(domain);
        await Store.UpdateAsync(second with { CustomDomains = [domain], Version = 2 }, expectedVersion: 1);

        Assert.Null(released);
        Assert.Equal(second.Id, (await Store.FindByCustomDomainAsync(domain))?.Id);
        Assert.Empty((await Store.GetAsync(first.Id))!.CustomDomains);
    }

    [Fact]
    public async Task Of_ten_accounts_racing_for_one_domain_exactly_one_gets_it()
    {
        var accounts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Store.CreateIfAbsentAsync(NewAccount())));
        var domain = Domain();

        var outcomes = await Task.WhenAll(accounts.Select(account => Task.Run(async () =>
        {
            try
            {
                await Store.UpdateAsync(account with { CustomDomains = [domain], Version = 2 }, expectedVersion: 1);
                return account.Id;
            }
            catch (ConflictException)
            {
                return null;
            }
        })));

        var winner = Assert.Single(outcomes, id => id is not null);
        Assert.Equal(winner, (await Store.FindByCustomDomainAsync(domain))?.Id);
    }

    private static Account NewAccount() => Account.New("user-" + Guid.NewGuid(), "free", Now);

    private static string Domain() => $"img-{Guid.NewGuid():N}.example.com";

    private static void AssertSame(Account expected, Account? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { AllowedOrigins = [], CustomDomains = [] }, actual with { AllowedOrigins = [], CustomDomains = [] });
        Assert.Equal(expected.AllowedOrigins, actual.AllowedOrigins);
        Assert.Equal(expected.CustomDomains, actual.CustomDomains);
    }
}
