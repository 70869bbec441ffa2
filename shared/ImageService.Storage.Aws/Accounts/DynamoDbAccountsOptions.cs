namespace ImageService.Storage.Aws.Accounts;

/// <summary>The accounts table (configuration section <c>Storage:Aws:Accounts</c>; in AWS the CDK stack passes the
/// name it created, e.g. <c>Storage__Aws__Accounts__TableName</c>).</summary>
public sealed class DynamoDbAccountsOptions
{
    public const string SectionName = "Storage:Aws:Accounts";

    [System.ComponentModel.DataAnnotations.Required(AllowEmptyStrings = false, ErrorMessage = "Storage:Aws:Accounts:TableName must name the accounts table.")]
    public string TableName { get; set; } = "ImageServiceAccounts";
}
