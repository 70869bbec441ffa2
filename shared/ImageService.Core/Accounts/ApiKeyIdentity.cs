namespace ImageService.Core.Accounts;

/// <summary>Who an <c>X-API-Key</c> request is: the account (its Id is the owner id for images) and the key used.</summary>
public sealed record ApiKeyIdentity(Account Account, ApiKey Key);
