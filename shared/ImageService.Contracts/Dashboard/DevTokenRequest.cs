namespace ImageService.Contracts.Dashboard;

/// <summary>POST /auth/dev-token (Development only): the user to mint a development token for.</summary>
public sealed record DevTokenRequest(string? UserName);
