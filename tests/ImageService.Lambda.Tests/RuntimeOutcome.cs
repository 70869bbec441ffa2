using System.Text.Json;

namespace ImageService.Lambda.Tests;

/// <summary>What the runtime posted for one invocation: to /response, /error or /init/error.</summary>
public sealed record RuntimeOutcome(string Kind, byte[] Body, string? ContentType, string? ErrorTypeHeader)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The API Gateway response inside a /response post.</summary>
    public PostedResponse Response
    {
        get
        {
            Assert.Equal("response", Kind);
            return new PostedResponse(Json);
        }
    }
}
