using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ImageService.Lambda.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Net.Http.Headers;

namespace ImageService.Lambda.HttpApi;

/// <summary>
/// Translates between API Gateway HTTP API events (payload format 2.0) and ASP.NET Core features.
/// </summary>
internal static class HttpApiV2Marshaller
{
    /// <summary>The authentication type of principals built from the API Gateway JWT authorizer's claims.</summary>
    public const string AuthenticationType = "ApiGatewayJwt";

    private const string DefaultStage = "$default";

    /// <summary>Reads an event; false with a reason when the payload is not an HTTP API 2.0 event.</summary>
    public static bool TryParse(
        byte[] payload,
        [NotNullWhen(true)] out HttpApiV2Request? request,
        out byte[] body,
        [NotNullWhen(false)] out string? problem)
    {
        request = null;
        body = [];
        try
        {
            request = JsonSerializer.Deserialize(payload, LambdaJsonContext.Default.HttpApiV2Request);
        }
        catch (JsonException ex)
        {
            problem = $"The event is not valid JSON for an HTTP API 2.0 event: {ex.Message}";
            return false;
        }

        if (request is null
            || request.RawPath is null
            || string.IsNullOrEmpty(request.RequestContext?.Http?.Method)
            || (request.Version is not null && request.Version != "2.0"))
        {
            problem = "The event is not an API Gateway HTTP API payload 2.0 event "
                + "(it needs version 2.0, rawPath and requestContext.http.method).";
            request = null;
            return false;
        }

        if (request.IsBase64Encoded && request.Body is not null)
        {
            try
            {
                body = Convert.FromBase64String(request.Body);
            }
            catch (FormatException)
            {
                problem = "The event says isBase64Encoded but its body is not base64.";
                request = null;
                return false;
            }
        }
        else if (request.Body is not null)
        {
            body = Encoding.UTF8.GetBytes(request.Body);
        }

        problem = null;
        return true;
    }

    public static InvocationFeatures CreateFeatures(
        HttpApiV2Request request, byte[] body, LambdaInvocation invocation, CancellationTokenSource requestAborted)
    {
        var context = request.RequestContext!;
        var http = context.Http!;
        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            // Repeated headers arrive comma-joined; a single comma-separated value means the same in HTTP.
            headers[name] = value;
        }

        // Payload 2.0 moves the Cookie header into the cookies array.
        if (request.Cookies is { Count: > 0 } cookies)
        {
            headers.Cookie = string.Join("; ", cookies);
        }

        if (body.Length > 0 && headers.ContentLength is null)
        {
            headers.ContentLength = body.Length;
        }

        if (string.IsNullOrEmpty(headers.Host) && !string.IsNullOrEmpty(context.DomainName))
        {
            headers.Host = context.DomainName;
        }

        var (pathBase, path) = SplitStage(request.RawPath!, context.Stage);
        var query = string.IsNullOrEmpty(request.RawQueryString) ? QueryString.Empty : new QueryString("?" + request.RawQueryString);

        var requestFeature = new HttpRequestFeature
        {
            Protocol = string.IsNullOrEmpty(http.Protocol) ? "HTTP/1.1" : http.Protocol,
            Scheme = headers["x-forwarded-proto"].FirstOrDefault() ?? "https",
            Method = http.Method!.ToUpperInvariant(),
            PathBase = pathBase.Value ?? string.Empty,
            Path = path.Value ?? "/",
            QueryString = query.Value ?? string.Empty,
            RawTarget = pathBase.Add(path).ToUriComponent() + query.ToUriComponent(),
            Headers = headers,
            Body = new MemoryStream(body, writable: false),
        };

        var connection = new HttpConnectionFeature
        {
            ConnectionId = context.RequestId ?? invocation.AwsRequestId,
            RemoteIpAddress = IPAddress.TryParse(http.SourceIp, out var ip) ? ip : null,
            LocalPort = 443,
        };

        var features = new InvocationFeatures(new LambdaResponseFeature(), requestAborted);
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpRequestBodyDetectionFeature>(new RequestBodyDetection(body.Length > 0));
        features.Set<IHttpConnectionFeature>(connection);
        // API Gateway's request id is what clients see (apigw-requestid), so it is the correlation id.
        features.Set<IHttpRequestIdentifierFeature>(
            new HttpRequestIdentifierFeature { TraceIdentifier = context.RequestId ?? invocation.AwsRequestId });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = requestAborted.Token });
        features.Set<IHttpAuthenticationFeature>(new HttpAuthenticationFeature { User = CreateUser(context.Authorizer?.Jwt) });
        features.Set<ILambdaInvocationFeature>(invocation);
        return features;
    }

    /// <summary>The invocation's response event. <paramref name="omitBody"/> (HEAD) drops the body and states the length
    /// the body would have had when the app set none.</summary>
    public static async Task<byte[]> CreateResponseAsync(LambdaResponseFeature response, bool omitBody = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.GetBodyAsync().ConfigureAwait(false);
        if (omitBody)
        {
            response.Headers.ContentLength ??= body.Length;
            body = ReadOnlyMemory<byte>.Empty;
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<string>? cookies = null;
        foreach (var (name, values) in response.Headers)
        {
            if (name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                (cookies ??= []).AddRange(values.Where(v => !string.IsNullOrEmpty(v))!);
                continue;
            }

            headers[name] = string.Join(", ", values.AsEnumerable());
        }

        var text = TextContentTypes.IsText(response.Headers.ContentType, response.Headers.ContentEncoding)
            && Utf8.IsValid(body.Span);
        var payload = new HttpApiV2Response
        {
            StatusCode = response.StatusCode,
            Headers = headers,
            Cookies = cookies,
            Body = body.IsEmpty ? string.Empty : text ? Encoding.UTF8.GetString(body.Span) : Convert.ToBase64String(body.Span),
            IsBase64Encoded = !body.IsEmpty && !text,
        };
        return JsonSerializer.SerializeToUtf8Bytes(payload, LambdaJsonContext.Default.HttpApiV2Response);
    }

    /// <summary>
    /// The last-resort 500 for an exception the app's own error handling let through, with the type and title the
    /// app chose (<see cref="LambdaHostingOptions"/>).
    /// </summary>
    public static byte[] CreateProblemBody(LambdaHostingOptions options, string correlationId) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ProblemBody(
                options.UnhandledErrorType,
                options.UnhandledErrorTitle,
                StatusCodes.Status500InternalServerError,
                "The server could not complete the request. Quote the correlation id when reporting this.",
                correlationId),
            LambdaJsonContext.Default.ProblemBody);

    /// <summary>
    /// With a named stage the raw path starts with "/{stage}"; the app sees that as its PathBase, so its
    /// routes stay stage-agnostic and generated links keep the prefix.
    /// </summary>
    private static (PathString PathBase, PathString Path) SplitStage(string rawPath, string? stage)
    {
        if (!rawPath.StartsWith('/'))
        {
            rawPath = "/" + rawPath;
        }

        if (!string.IsNullOrEmpty(stage) && stage != DefaultStage)
        {
            var prefix = "/" + stage;
            if (rawPath.StartsWith(prefix, StringComparison.Ordinal)
                && (rawPath.Length == prefix.Length || rawPath[prefix.Length] == '/'))
            {
                var rest = rawPath[prefix.Length..];
                return (new PathString(prefix), new PathString(rest.Length == 0 ? "/" : rest));
            }
        }

        return (PathString.Empty, new PathString(rawPath));
    }

    /// <summary>
    /// API Gateway's JWT authorizer has already verified the token, so its claims are trusted as they are.
    /// Claim types are kept verbatim ("sub" stays "sub"; no JWT-to-WS-Federation renaming).
    /// </summary>
    private static ClaimsPrincipal CreateUser(HttpApiV2Jwt? jwt)
    {
        if (jwt?.Claims is not { Count: > 0 } claims)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        var issuer = claims.TryGetValue("iss", out var iss) && iss.ValueKind == JsonValueKind.String
            ? iss.GetString()
            : null;
        var identity = new ClaimsIdentity(AuthenticationType, nameType: "sub", roleType: ClaimsIdentity.DefaultRoleClaimType);
        foreach (var (type, value) in claims)
        {
            AddClaims(identity, type, value, issuer);
        }

        foreach (var scope in jwt.Scopes ?? [])
        {
            if (!identity.HasClaim("scope", scope))
            {
                identity.AddClaim(Claim("scope", scope, ClaimValueTypes.String, issuer));
            }
        }

        return new ClaimsPrincipal(identity);
    }

    private static void AddClaims(ClaimsIdentity identity, string type, JsonElement value, string? issuer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                identity.AddClaim(Claim(type, value.GetString()!, ClaimValueTypes.String, issuer));
                break;
            case JsonValueKind.Number:
                var valueType = value.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double;
                identity.AddClaim(Claim(type, value.GetRawText(), valueType, issuer));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                identity.AddClaim(Claim(type, value.ValueKind == JsonValueKind.True ? "true" : "false", ClaimValueTypes.Boolean, issuer));
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    AddClaims(identity, type, item, issuer);
                }

                break;
            case JsonValueKind.Object:
                identity.AddClaim(Claim(type, value.GetRawText(), "JSON", issuer));
                break;
            default:
                break;
        }
    }

    private static Claim Claim(string type, string value, string valueType, string? issuer) =>
        issuer is null ? new Claim(type, value, valueType) : new Claim(type, value, valueType, issuer);
}
