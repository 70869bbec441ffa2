using ImageService.Core.Accounts;

namespace ImageService.Api.Delivery;

/// <summary><c>{publicKey:publicKey}</c>: only a well-formed <c>pk_…</c> segment selects the delivery route, so the
/// catch-all never shadows other routes (GET /images/x/original stays a 404/405 of routing where it is not mapped).</summary>
public sealed class PublicKeyRouteConstraint : IRouteConstraint
{
    public const string Name = "publicKey";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value) && ApiKeys.IsWellFormedPublicKey(value as string);
    }
}
