using ImageService.Routes;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ImageService.Api.Tests.Routes;

/// <summary>
/// A route reduced to what both routers match on: the method and the path's shape, with parameter names erased.
/// <c>{name}</c> (one segment) becomes <c>{}</c>; API Gateway's greedy <c>{proxy+}</c> and ASP.NET's catch-all
/// <c>{**name}</c> become <c>{+}</c>; route constraints are the app's business and are dropped.
/// </summary>
internal sealed record RouteShape(string Method, string Path)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>From a route of the table, in API Gateway syntax (<c>/{publicKey}/{proxy+}</c>).</summary>
    public static RouteShape FromGateway(ServiceRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var segments = route.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment => segment switch
        {
            ['{', .., '+', '}'] => "{+}",
            ['{', .., '}'] => "{}",
            _ => segment,
        });
        return new RouteShape(route.Method, "/" + string.Join('/', segments));
    }

    /// <summary>From an endpoint the app maps (one shape per HTTP method it accepts).</summary>
    public static RouteShape FromPattern(string method, RoutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternParameterPart { IsCatchAll: true } => "{+}",
            RoutePatternParameterPart => "{}",
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new InvalidOperationException($"Unexpected route part in '{pattern.RawText}'."),
        })));
        return new RouteShape(method, "/" + string.Join('/', segments));
    }
}
