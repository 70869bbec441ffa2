namespace ImageService.Core.Accounts;

/// <summary>A freshly generated key: <see cref="Secret"/> is shown to the user once and then forgotten; only <see cref="Key"/> is stored.</summary>
public sealed record NewApiKey(ApiKey Key, string Secret)
{
    // Keep the secret out of logs that print records with their default ToString.
    public override string ToString() => $"NewApiKey {{ Key = {Key}, Secret = *** }}";
}
