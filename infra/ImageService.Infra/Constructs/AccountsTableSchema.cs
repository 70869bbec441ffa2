namespace ImageService.Infra.Constructs;

/// <summary>Key names of the accounts table, as the AWS backend reads and writes them
/// (shared/ImageService.Storage.Aws/Accounts/AccountsTable.cs).</summary>
public static class AccountsTableSchema
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";

    /// <summary>TTL attribute (epoch seconds) of rate-limit windows.</summary>
    public const string ExpiresAt = "ExpiresAt";
}
