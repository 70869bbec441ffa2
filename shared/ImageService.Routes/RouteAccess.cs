namespace ImageService.Routes;

/// <summary>Who may call a route through API Gateway.</summary>
public enum RouteAccess
{
    /// <summary>The caller's own data: behind the JWT authorizer, and again under <see cref="ServiceRoutes.ServerPathBase"/>
    /// without it for X-API-Key callers (the app authenticates the key).</summary>
    Owner,

    /// <summary>No token: the path (a public key, a host) or nothing at all is the credential.</summary>
    Public,
}
