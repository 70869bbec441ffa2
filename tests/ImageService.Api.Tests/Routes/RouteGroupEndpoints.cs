using ImageService.Routes;

namespace ImageService.Api.Tests.Routes;

/// <summary>The API's endpoints per route group, as each Lambda function maps them; built once per test class.</summary>
public sealed class RouteGroupEndpoints
{
    internal IReadOnlyDictionary<RouteGroup, IReadOnlyList<MappedEndpoint>> ByGroup { get; } =
        Enum.GetValues<RouteGroup>().ToDictionary(g => g, g => ApiEndpoints.For(ServiceRoutes.HandlerName(g)));

    /// <summary>Endpoints every process maps whatever its group (health): API Gateway sends them to one function.</summary>
    internal IReadOnlySet<RouteShape> MappedEverywhere =>
        ByGroup.Values.Select(e => e.Select(m => m.Shape)).Aggregate((a, b) => a.Intersect(b)).ToHashSet();
}
