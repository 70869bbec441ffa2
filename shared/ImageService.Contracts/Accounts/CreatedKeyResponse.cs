namespace ImageService.Contracts.Accounts;

/// <summary>The answer of POST /account/keys: the only response that ever carries <see cref="Secret"/>.</summary>
public sealed record CreatedKeyResponse(string Id, string? Name, string Prefix, DateTimeOffset CreatedAt, string Secret);
