namespace ImageService.Contracts.Accounts;

/// <summary>POST /account/keys (the body is optional): a label to tell keys apart, e.g. "production".</summary>
public sealed record CreateKeyRequest(string? Name);
