using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Storage.Aws.Accounts;

namespace ImageService.Storage.Aws;

/// <summary>
/// Exclusive names without transactions (dynalite has no TransactWriteItems): the one protocol behind unique image
/// paths (<see cref="ImagePathClaims"/>) and custom domains (<see cref="CustomDomainClaims"/>).
/// <para>
/// A write that gives its record (the holder) a name first puts a claim item naming the holder, the version the
/// record's write will expect (<c>Base</c>, 0 for a create) and a per-attempt <c>Token</c>, with
/// <c>attribute_not_exists</c>; then it writes the record under its own version condition; a failed record write rolls
/// the claim back (conditioned on its token), and dropping the name releases it. The record stays the truth: a claim
/// counts only while its holder's record carries the name. For a rival, a claim also binds while the write that made it
/// may still land, which only the user can judge (<c>isStale</c>: is the record past <c>Base</c>, or fenced?). Anything
/// else is stale and taken over, conditioned on the holder and token seen, so two writers never both win. A claim of
/// the same holder (left by its own failed write, or a concurrent write of it) is taken over as it is: only one write
/// of one record can land, and a losing write's rollback spares a claim its record relies on.
/// </para>
/// </summary>
internal sealed class ConditionalClaims(IAmazonDynamoDB dynamoDb, string table, ClaimItemShape shape)
{
    private const string BaseAttribute = "Base";
    private const string TokenAttribute = "Token";
    private const int Attempts = 5;

    // Every #placeholder the conditions below use.
    private readonly Dictionary<string, string> _placeholders = new(StringComparer.Ordinal)
    {
        ["#key"] = shape.KeyAttribute, ["#holder"] = shape.HolderAttribute, ["#token"] = TokenAttribute, ["#base"] = BaseAttribute,
    };

    /// <summary>Claims <paramref name="name"/> for <paramref name="holder"/>, whose record write will expect version
    /// <paramref name="baseVersion"/>. <paramref name="isStale"/> judges another holder's claim: true when it can no
    /// longer bind.</summary>
    public async Task<ClaimOutcome> ClaimAsync(string name, string holder, long baseVersion,
        Func<StoredClaim, CancellationToken, Task<bool>> isStale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isStale);
        var token = Guid.NewGuid().ToString("N");
        var claim = shape.Key(name);
        claim[shape.HolderAttribute] = new AttributeValue { S = holder };
        claim[BaseAttribute] = new AttributeValue { N = baseVersion.ToString(CultureInfo.InvariantCulture) };
        claim[TokenAttribute] = new AttributeValue { S = token };
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await PutAsync(claim, "attribute_not_exists(#key)", [], cancellationToken).ConfigureAwait(false))
            {
                return new ClaimOutcome(ClaimStatus.Claimed, token);
            }

            var existing = await GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                continue; // released meanwhile: try the plain claim again
            }

            if (existing.Holder != holder && !await isStale(existing, cancellationToken).ConfigureAwait(false))
            {
                return new ClaimOutcome(ClaimStatus.HeldByAnother);
            }

            if (await PutAsync(claim, "#holder = :holder AND #token = :seen",
                    new() { [":holder"] = S(existing.Holder), [":seen"] = S(existing.Token) }, cancellationToken).ConfigureAwait(false))
            {
                return new ClaimOutcome(ClaimStatus.Claimed, token);
            }
        }

        return new ClaimOutcome(ClaimStatus.Contended);
    }

    /// <summary>Deletes the claim made with <paramref name="token"/>, if it is still that one. The caller first checks
    /// that its record does not carry the name by now (a concurrent write of the same record may rely on the claim).</summary>
    public Task<bool> RollBackAsync(string name, string holder, string token, CancellationToken cancellationToken) =>
        DeleteAsync(name, "#holder = :holder AND #token = :token", new() { [":holder"] = S(holder), [":token"] = S(token) }, cancellationToken);

    /// <summary>Deletes the holder's claim of a name its record dropped. After an update (<paramref name="expectedVersion"/>
    /// = the version it expected) a claim made since by a later write of the same record has a higher Base and survives;
    /// after a delete (null) every claim naming the holder is dead.</summary>
    public Task<bool> ReleaseAsync(string name, string holder, long? expectedVersion, CancellationToken cancellationToken) =>
        expectedVersion is { } expected
            ? DeleteAsync(name, "#holder = :holder AND #base <= :expected",
                new() { [":holder"] = S(holder), [":expected"] = new AttributeValue { N = expected.ToString(CultureInfo.InvariantCulture) } }, cancellationToken)
            : DeleteAsync(name, "#holder = :holder", new() { [":holder"] = S(holder) }, cancellationToken);

    /// <summary>The claim item of <paramref name="name"/> (consistent read), or null.</summary>
    public async Task<StoredClaim?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = table, Key = shape.Key(name), ConsistentRead = true };
        var response = await DynamoDbGuard.Run(() => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }
        return new StoredClaim(item[shape.HolderAttribute].S, long.Parse(item[BaseAttribute].N, CultureInfo.InvariantCulture), item[TokenAttribute].S);
    }

    private static AttributeValue S(string value) => new() { S = value };

    private Task<bool> PutAsync(Dictionary<string, AttributeValue> item, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken) =>
        ConditionalWrites.PutAsync(dynamoDb, table, item, condition, _placeholders, values, cancellationToken);

    // False means another claim by now (or gone): not ours to delete.
    private Task<bool> DeleteAsync(string name, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken) =>
        ConditionalWrites.DeleteAsync(dynamoDb, table, shape.Key(name), condition, _placeholders, values, cancellationToken);
}
