namespace ImageService.Core.Accounts;

public enum AccountStatus
{
    Active,
    /// <summary>Delivery answers 403 and keys stop authenticating; the data is kept.</summary>
    Suspended,
}
