using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>
/// Key design of the accounts table (string keys <c>PK</c>, <c>SK</c>; no indexes, every read is consistent):
/// <list type="bullet">
/// <item>account: <c>ACCOUNT#{id}</c> / <c>ACCOUNT</c>; its keys: <c>ACCOUNT#{id}</c> / <c>KEY#{keyId}</c> (one Query lists them);
/// its usage: <c>ACCOUNT#{id}</c> / <c>USAGE#{yyyy-MM}</c> (counters grown with <c>ADD</c>).</item>
/// <item>lookups: <c>PUBLICKEY#{pk}</c> / <c>PUBLICKEY</c> → account id, and <c>SECRET#{sha256}</c> / <c>SECRET</c> → account
/// and key id; <c>DOMAIN#{host}</c> / <c>DOMAIN</c> → the account claiming a custom domain (see <see cref="CustomDomainClaims"/>).
/// Each is written with <c>attribute_not_exists</c> before the item it points to, and every read through
/// a lookup checks the target points back, so a lookup left by a lost race or a crash is never believed. This keeps
/// uniqueness without TransactWriteItems (which the dynalite emulator lacks) or eventually consistent indexes.</item>
/// <item>rate windows: <c>RATE#{id}</c> / <c>WINDOW#{unix seconds}</c> with a conditional <c>ADD</c>; <c>ExpiresAt</c> is the
/// TTL attribute (enable TTL on it in the stack) so old windows disappear.</item>
/// <item>named variants: <c>ACCOUNT#{id}</c> / <c>VARIANT#{name}</c>, and the account's variant count <c>ACCOUNT#{id}</c> /
/// <c>VARIANTS</c> (see <see cref="DynamoDbVariantStore"/>).</item>
/// <item>pending CDN purges: <c>PURGES</c> / <c>PURGE#{id}</c> with <c>Paths</c>, <c>CreatedAt</c>, <c>Attempts</c>
/// (see <see cref="DynamoDbPendingPurgeStore"/>).</item>
/// </list>
/// </summary>
internal static class AccountsTable
{
    public const string Pk = "PK";
    public const string Sk = "SK";
    public const string AccountSk = "ACCOUNT";
    public const string KeySkPrefix = "KEY#";
    public const string PublicKeySk = "PUBLICKEY";
    public const string SecretSk = "SECRET";
    public const string DomainSk = "DOMAIN";
    public const string ExpiresAt = "ExpiresAt";
    public const string PurgesPk = "PURGES";
    public const string PurgeSkPrefix = "PURGE#";

    public static string AccountPk(string accountId) => "ACCOUNT#" + accountId;

    public static string PublicKeyPk(string publicKey) => "PUBLICKEY#" + publicKey;

    public static string SecretPk(string secretHash) => "SECRET#" + secretHash;

    public static string DomainPk(string host) => "DOMAIN#" + host;

    public static string UsageSk(string month) => "USAGE#" + month;

    public static string PurgeSk(string id) => PurgeSkPrefix + id;

    public static string RatePk(string accountId) => "RATE#" + accountId;

    public static string WindowSk(long windowStart) => "WINDOW#" + windowStart.ToString(CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> Key(string pk, string sk) => new(StringComparer.Ordinal)
    {
        [Pk] = new AttributeValue { S = pk },
        [Sk] = new AttributeValue { S = sk },
    };

    public static CreateTableRequest Definition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new AttributeDefinition(Pk, ScalarAttributeType.S), new AttributeDefinition(Sk, ScalarAttributeType.S)],
        KeySchema = [new KeySchemaElement(Pk, KeyType.HASH), new KeySchemaElement(Sk, KeyType.RANGE)],
    };
}
