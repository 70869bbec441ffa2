using ImageService.Routes;

namespace ImageService.Api.Tests.Routes;

/// <summary>
/// What the API maps against the route table API Gateway is built from (<see cref="ServiceRoutes"/>; infra's
/// RouteTableTests hold the synthesised routes to the same table). Each route group is the API as its Lambda function
/// runs it: <c>Hosting:RouteGroup</c> = the function's handler, on the AWS backend.
/// </summary>
public sealed class RouteTableTests(RouteGroupEndpoints api) : IClassFixture<RouteGroupEndpoints>
{
    [Fact]
    public void Every_endpoint_a_function_maps_is_exactly_one_table_route_of_its_group_with_the_access_it_needs()
    {
        var problems = new List<string>();

        foreach (var (group, endpoints) in api.ByGroup)
        {
            foreach (var endpoint in endpoints)
            {
                var routes = ServiceRoutes.All.Where(r => RouteShape.FromGateway(r) == endpoint.Shape).ToList();
                var access = endpoint.RequiresCaller ? RouteAccess.Owner : RouteAccess.Public;
                if (routes.Count != 1)
                {
                    problems.Add($"{group} maps {endpoint}, which has {routes.Count} routes in the table");
                }
                else if (routes[0].Access != access || (routes[0].Group != group && !api.MappedEverywhere.Contains(endpoint.Shape)))
                {
                    problems.Add($"{group} maps {endpoint} ({access}), which the table routes as {routes[0]}");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_table_route_is_mapped_by_its_groups_function()
    {
        Assert.All(ServiceRoutes.All, route =>
            Assert.True(api.ByGroup[route.Group].Any(e => e.Shape == RouteShape.FromGateway(route)), $"{route.Group} maps no {route.Method} {route.Path}"));
    }

    [Fact]
    public void Only_health_is_mapped_by_every_function()
    {
        Assert.Equal([new RouteShape("GET", "/health")], api.MappedEverywhere);
    }

    [Fact]
    public void Each_function_handler_is_its_route_groups_lower_case_name()
    {
        Assert.Equal(["upload", "get", "list", "update", "delete", "transform", "account", "billing"], Enum.GetValues<RouteGroup>().Select(ServiceRoutes.HandlerName));
    }
}
