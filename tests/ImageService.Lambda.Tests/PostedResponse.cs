using System.Text;
using System.Text.Json;

namespace ImageService.Lambda.Tests;

/// <summary>An HTTP API payload 2.0 response, read field by field.</summary>
public sealed class PostedResponse(JsonElement json)
{
    public JsonElement Raw { get; } = json;

    public int StatusCode => Raw.GetProperty("statusCode").GetInt32();

    public bool IsBase64Encoded => Raw.GetProperty("isBase64Encoded").GetBoolean();

    public string Body => Raw.GetProperty("body").GetString()!;

    public IReadOnlyDictionary<string, string> Headers =>
        Raw.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Cookies =>
        Raw.TryGetProperty("cookies", out var cookies) ? [.. cookies.EnumerateArray().Select(c => c.GetString()!)] : [];

    public byte[] BodyBytes => IsBase64Encoded ? Convert.FromBase64String(Body) : Encoding.UTF8.GetBytes(Body);

    /// <summary>The body of a JSON response (the echo endpoints' report).</summary>
    public JsonElement BodyJson
    {
        get
        {
            Assert.False(IsBase64Encoded, "a JSON body must travel as text");
            return JsonDocument.Parse(Body).RootElement;
        }
    }
}
