using System.Text.Json;

namespace ImageService.Lambda.HttpApi;

// The API Gateway HTTP API event, payload format version 2.0 (only the members the server uses).
// Note: HTTP APIs deliver rawPath already percent-decoded, while rawQueryString stays encoded.

internal sealed record HttpApiV2Request
{
    public string? Version { get; init; }
    public string? RouteKey { get; init; }
    public string? RawPath { get; init; }
    public string? RawQueryString { get; init; }
    public IReadOnlyList<string>? Cookies { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public HttpApiV2RequestContext? RequestContext { get; init; }
    public string? Body { get; init; }
    public bool IsBase64Encoded { get; init; }
}

internal sealed record HttpApiV2RequestContext
{
    public string? AccountId { get; init; }
    public string? ApiId { get; init; }
    public string? DomainName { get; init; }
    public string? RequestId { get; init; }
    public string? RouteKey { get; init; }
    public string? Stage { get; init; }
    public long TimeEpoch { get; init; }
    public HttpApiV2Http? Http { get; init; }
    public HttpApiV2Authorizer? Authorizer { get; init; }
}

internal sealed record HttpApiV2Http
{
    public string? Method { get; init; }
    public string? Path { get; init; }
    public string? Protocol { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
}

internal sealed record HttpApiV2Authorizer
{
    public HttpApiV2Jwt? Jwt { get; init; }
}

internal sealed record HttpApiV2Jwt
{
    // Values are strings in what API Gateway sends, but hand-made and Lambda-authorizer events carry numbers,
    // booleans and arrays too, so they are read as raw JSON.
    public IReadOnlyDictionary<string, JsonElement>? Claims { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
}
