using System.Text.Json.Serialization;

namespace ImageService.Dashboard.Services;

/// <summary>Cognito's <c>/oauth2/token</c> answer (OAuth 2.0 names, snake case).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
