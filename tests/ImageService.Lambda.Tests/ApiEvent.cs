using System.Text;
using System.Text.Json.Nodes;

namespace ImageService.Lambda.Tests;

/// <summary>
/// One of the HTTP API 2.0 event fixtures under Events/Api/, with the values only a test run knows filled in: the
/// caller (the authorizer's <c>sub</c>), the image id in the path, the ETag, a body.
/// </summary>
internal sealed class ApiEvent
{
    private readonly JsonNode _json;

    private ApiEvent(JsonNode json) => _json = json;

    public static ApiEvent Load(string name) => new(JsonNode.Parse(Events.Load(Path.Combine("Api", name)))!);

    /// <summary>The caller as API Gateway's JWT authorizer reports it.</summary>
    public ApiEvent As(string owner)
    {
        _json["requestContext"]!["authorizer"]!["jwt"]!["claims"]!["sub"] = owner;
        return this;
    }

    /// <summary>Replaces <c>{id}</c> in the raw path (and requestContext.http.path, which API Gateway keeps equal).</summary>
    public ApiEvent ForImage(string imageId)
    {
        var path = _json["rawPath"]!.GetValue<string>().Replace("{id}", imageId, StringComparison.Ordinal);
        _json["rawPath"] = path;
        _json["requestContext"]!["http"]!["path"] = path;
        return this;
    }

    public ApiEvent Query(string rawQueryString)
    {
        _json["rawQueryString"] = rawQueryString;
        return this;
    }

    public ApiEvent Header(string name, string value)
    {
        _json["headers"]![name] = value;
        return this;
    }

    /// <summary>A binary body, base64 as API Gateway sends every body it does not know to be text.</summary>
    public ApiEvent Body(byte[] body, string contentType)
    {
        _json["headers"]!["content-type"] = contentType;
        _json["headers"]!["content-length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _json["body"] = Convert.ToBase64String(body);
        _json["isBase64Encoded"] = true;
        return this;
    }

    public ApiEvent TextBody(string body)
    {
        _json["body"] = body;
        _json["isBase64Encoded"] = false;
        _json["headers"]!["content-length"] = Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return this;
    }

    public string ToJson() => _json.ToJsonString();
}
