using Amazon.DynamoDBv2.Model;
using ImageService.Storage.Aws;

namespace ImageService.Storage.Tests.Aws;

/// <summary>
/// The claim protocol on its own, on a claim item kind only these tests use (in the images table, keyed
/// <c>TESTCLAIM#…</c>, holder attribute <c>Holder</c>). Its two users are covered through their stores:
/// <see cref="DynamoDbImagePathClaimTests"/> and the contract suites for paths and custom domains.
/// </summary>
[Collection(AwsEndpointsDefinition.Name)]
public sealed class ConditionalClaimsTests(AwsEmulatorFixture fixture)
{
    private static readonly ClaimItemShape Shape = new(name => new() { ["Id"] = new AttributeValue { S = "TESTCLAIM#" + name } }, "Id", "Holder");

    private readonly ConditionalClaims _claims = new(fixture.Backend.DynamoDb, fixture.Backend.Options.TableName, Shape);

    private static string NewName() => Guid.NewGuid().ToString("N");

    private static Func<StoredClaim, CancellationToken, Task<bool>> Stale(bool stale) => (_, _) => Task.FromResult(stale);

    [Fact]
    public async Task A_free_name_is_claimed_with_the_holder_base_and_token()
    {
        var name = NewName();

        var outcome = await _claims.ClaimAsync(name, "a", 7, Stale(false), default);

        Assert.Equal(ClaimStatus.Claimed, outcome.Status);
        Assert.Equal(new StoredClaim("a", 7, outcome.Token!), await _claims.GetAsync(name, default));
    }

    [Fact]
    public async Task A_binding_claim_refuses_a_rival_and_the_judge_sees_that_claim()
    {
        var name = NewName();
        var first = await _claims.ClaimAsync(name, "a", 3, Stale(false), default);
        StoredClaim? judged = null;

        var rival = await _claims.ClaimAsync(name, "b", 0, (claim, _) => { judged = claim; return Task.FromResult(false); }, default);

        Assert.Equal(ClaimStatus.HeldByAnother, rival.Status);
        Assert.Null(rival.Token);
        Assert.Equal(new StoredClaim("a", 3, first.Token!), judged);
        Assert.Equal("a", (await _claims.GetAsync(name, default))?.Holder);
    }

    [Fact]
    public async Task A_stale_claim_is_taken_over_and_its_old_writer_can_no_longer_roll_it_back()
    {
        var name = NewName();
        var stale = await _claims.ClaimAsync(name, "a", 1, Stale(false), default);

        var taken = await _claims.ClaimAsync(name, "b", 0, Stale(true), default);
        var oldRollBack = await _claims.RollBackAsync(name, "a", stale.Token!, default);

        Assert.Equal(ClaimStatus.Claimed, taken.Status);
        Assert.NotEqual(stale.Token, taken.Token);
        Assert.False(oldRollBack);
        Assert.Equal(new StoredClaim("b", 0, taken.Token!), await _claims.GetAsync(name, default));
    }

    [Fact]
    public async Task The_same_holder_takes_its_own_claim_over_without_asking_the_judge()
    {
        var name = NewName();
        await _claims.ClaimAsync(name, "a", 1, Stale(false), default);
        var asked = false;

        var again = await _claims.ClaimAsync(name, "a", 2, (_, _) => { asked = true; return Task.FromResult(false); }, default);

        Assert.Equal(ClaimStatus.Claimed, again.Status);
        Assert.False(asked);
        Assert.Equal(new StoredClaim("a", 2, again.Token!), await _claims.GetAsync(name, default));
    }

    [Fact]
    public async Task A_rollback_deletes_only_the_claim_of_its_own_token()
    {
        var name = NewName();
        var claim = await _claims.ClaimAsync(name, "a", 0, Stale(false), default);

        var wrongToken = await _claims.RollBackAsync(name, "a", "not-the-token", default);
        var afterWrong = await _claims.GetAsync(name, default);
        var rightToken = await _claims.RollBackAsync(name, "a", claim.Token!, default);

        Assert.False(wrongToken);
        Assert.NotNull(afterWrong);
        Assert.True(rightToken);
        Assert.Null(await _claims.GetAsync(name, default));
    }

    [Fact]
    public async Task A_release_after_an_update_spares_a_later_claim_and_a_release_after_a_delete_does_not()
    {
        var name = NewName();
        await _claims.ClaimAsync(name, "a", 5, Stale(false), default);

        var olderUpdate = await _claims.ReleaseAsync(name, "a", expectedVersion: 4, default);
        var otherHolder = await _claims.ReleaseAsync(name, "b", expectedVersion: null, default);
        var afterBoth = await _claims.GetAsync(name, default);
        var delete = await _claims.ReleaseAsync(name, "a", expectedVersion: null, default);

        Assert.False(olderUpdate);
        Assert.False(otherHolder);
        Assert.NotNull(afterBoth);
        Assert.True(delete);
        Assert.Null(await _claims.GetAsync(name, default));

        await _claims.ClaimAsync(name, "a", 5, Stale(false), default);
        Assert.True(await _claims.ReleaseAsync(name, "a", expectedVersion: 5, default));
    }

    [Fact]
    public async Task Rivals_racing_for_one_stale_claim_leave_exactly_one_winner()
    {
        var name = NewName();
        await _claims.ClaimAsync(name, "crashed", 1, Stale(false), default);
        // Only the crashed writer's claim is stale; a rival's fresh claim binds.
        Func<StoredClaim, CancellationToken, Task<bool>> judge = (claim, _) => Task.FromResult(claim.Holder == "crashed");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => _claims.ClaimAsync(name, $"rival-{i}", 0, judge, default))));

        var winners = outcomes.Select((o, i) => (o, i)).Where(x => x.o.Claimed).ToList();
        Assert.Single(winners);
        Assert.All(outcomes.Where(o => !o.Claimed), o => Assert.Equal(ClaimStatus.HeldByAnother, o.Status));
        Assert.Equal(new StoredClaim($"rival-{winners[0].i}", 0, winners[0].o.Token!), await _claims.GetAsync(name, default));
    }
}
