namespace ImageService.Storage.Aws;

/// <summary>A claim item as read: who holds the name, the version of the holder's record that the claiming write
/// expected (0 = a create), and the claiming attempt's token.</summary>
internal sealed record StoredClaim(string Holder, long Base, string Token);
