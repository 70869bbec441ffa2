namespace ImageService.Contracts.Dashboard;

/// <summary>A development bearer token and when it stops being accepted.</summary>
public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
