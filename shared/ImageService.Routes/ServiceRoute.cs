namespace ImageService.Routes;

/// <summary>One deployed route. <paramref name="Path"/> is in API Gateway syntax: <c>{name}</c> is one segment,
/// <c>{proxy+}</c> (greedy, last segment only) is the rest of the path, as an ASP.NET <c>{**name}</c> catch-all.</summary>
public sealed record ServiceRoute(RouteGroup Group, string Method, string Path, RouteAccess Access);
