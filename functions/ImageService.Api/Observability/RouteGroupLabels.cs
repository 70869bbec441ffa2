using System.Collections.Concurrent;
using ImageService.Routes;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ImageService.Api.Observability;

/// <summary>
/// The <c>route_group</c> label of a request: the group of <see cref="ServiceRoutes"/> whose route the endpoint serves
/// (upload, get, list, update, delete, transform, account), <c>health</c> for /health, <c>other</c> for endpoints
/// outside the table (the embedded backend's upload and large-result links, /openapi, /docs, /metrics) and
/// <c>unmatched</c> when no endpoint matched (404/405 from routing). Taken from the route pattern, never the path, so
/// ids and tokens cannot become labels.
/// </summary>
public sealed class RouteGroupLabels
{
    public const string Health = "health";
    public const string Other = "other";
    public const string Unmatched = "unmatched";

    private readonly Dictionary<string, string> _byShape;
    private readonly ConcurrentDictionary<(RouteEndpoint Endpoint, string Method), string> _cache = new();

    public RouteGroupLabels()
    {
        _byShape = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in ServiceRoutes.All)
        {
            _byShape[Shape(route.Method, GatewaySegments(route.Path))] = route.Path == "/health" ? Health : ServiceRoutes.HandlerName(route.Group);
        }
    }

    public string For(Endpoint? endpoint, string method) => endpoint is RouteEndpoint route
        ? _cache.GetOrAdd((route, method), static (key, shapes) =>
            shapes.GetValueOrDefault(Shape(key.Method, PatternSegments(key.Endpoint.RoutePattern)), Other), _byShape)
        : endpoint is null ? Unmatched : Other;

    // Parameter names are erased: {name} -> {}, API Gateway's {proxy+} and ASP.NET's {**name} -> {+}.
    private static string Shape(string method, IEnumerable<string> segments) =>
        $"{method.ToUpperInvariant()} /{string.Join('/', segments)}";

    private static IEnumerable<string> GatewaySegments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment => segment switch
        {
            ['{', .., '+', '}'] => "{+}",
            ['{', .., '}'] => "{}",
            _ => segment,
        });

    private static IEnumerable<string> PatternSegments(RoutePattern pattern) =>
        pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternParameterPart { IsCatchAll: true } => "{+}",
            RoutePatternParameterPart => "{}",
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "?",
        })));
}
