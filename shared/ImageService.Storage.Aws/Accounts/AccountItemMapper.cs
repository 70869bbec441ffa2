using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Accounts;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>Explicit <see cref="AttributeValue"/> mapping of accounts and keys: no reflection, trimming-safe.</summary>
internal static class AccountItemMapper
{
    public static Dictionary<string, AttributeValue> ToItem(Account account)
    {
        var item = AccountsTable.Key(AccountsTable.AccountPk(account.Id), AccountsTable.AccountSk);
        item["Id"] = S(account.Id);
        item["PlanId"] = S(account.PlanId);
        item["PublicKey"] = S(account.PublicKey);
        item["AllowedOrigins"] = new AttributeValue { L = account.AllowedOrigins.Select(S).ToList() };
        item["StrictOrigins"] = new AttributeValue { BOOL = account.StrictOrigins };
        item["RequireSignedUrls"] = new AttributeValue { BOOL = account.RequireSignedUrls };
        item["CustomDomains"] = new AttributeValue { L = account.CustomDomains.Select(S).ToList() };
        item["Status"] = S(account.Status.ToString());
        item["CreatedAt"] = Time(account.CreatedAt);
        item["UpdatedAt"] = Time(account.UpdatedAt);
        item["Version"] = N(account.Version);
        item["AllowArbitraryTransforms"] = new AttributeValue { BOOL = account.AllowArbitraryTransforms };
        if (account.DefaultTransform is not null)
        {
            item["DefaultTransform"] = S(account.DefaultTransform);
        }

        return item;
    }

    public static Account ToAccount(IReadOnlyDictionary<string, AttributeValue> item) => new()
    {
        Id = Str(item, "Id"),
        PlanId = Str(item, "PlanId"),
        PublicKey = Str(item, "PublicKey"),
        AllowedOrigins = item.TryGetValue("AllowedOrigins", out var origins) && origins.L is { } list ? list.Select(v => v.S).ToArray() : [],
        StrictOrigins = item.TryGetValue("StrictOrigins", out var strict) && strict.BOOL == true,
        RequireSignedUrls = item.TryGetValue("RequireSignedUrls", out var signed) && signed.BOOL == true,
        // Items written before custom domains existed lack the attribute: no domains.
        CustomDomains = item.TryGetValue("CustomDomains", out var domains) && domains.L is { } names ? names.Select(v => v.S).ToArray() : [],
        DefaultTransform = OptionalStr(item, "DefaultTransform"),
        Status = Enum.Parse<AccountStatus>(Str(item, "Status")),
        CreatedAt = ParseTime(Str(item, "CreatedAt")),
        UpdatedAt = ParseTime(Str(item, "UpdatedAt")),
        Version = Long(item, "Version"),
        // Items written before the setting existed lack the attribute: arbitrary transforms allowed (the default).
        AllowArbitraryTransforms = !item.TryGetValue("AllowArbitraryTransforms", out var arbitrary) || arbitrary.BOOL != false,
    };

    public static Dictionary<string, AttributeValue> ToItem(ApiKey key)
    {
        var item = AccountsTable.Key(AccountsTable.AccountPk(key.AccountId), AccountsTable.KeySkPrefix + key.Id);
        item["KeyId"] = S(key.Id);
        item["AccountId"] = S(key.AccountId);
        item["Prefix"] = S(key.Prefix);
        item["SecretHash"] = S(key.SecretHash);
        item["CreatedAt"] = Time(key.CreatedAt);
        if (key.Name is not null)
        {
            item["Name"] = S(key.Name);
        }

        if (key.RevokedAt is { } revoked)
        {
            item["RevokedAt"] = Time(revoked);
        }

        return item;
    }

    public static ApiKey ToKey(IReadOnlyDictionary<string, AttributeValue> item) => new()
    {
        Id = Str(item, "KeyId"),
        AccountId = Str(item, "AccountId"),
        Prefix = Str(item, "Prefix"),
        SecretHash = Str(item, "SecretHash"),
        Name = OptionalStr(item, "Name"),
        CreatedAt = ParseTime(Str(item, "CreatedAt")),
        RevokedAt = OptionalStr(item, "RevokedAt") is { } revoked ? ParseTime(revoked) : null,
    };

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Time(DateTimeOffset value) => S(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    public static string Str(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } s ? s : throw new InvalidDataException($"Accounts item lacks attribute {name}.");

    public static string? OptionalStr(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static long Long(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;

    private static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
