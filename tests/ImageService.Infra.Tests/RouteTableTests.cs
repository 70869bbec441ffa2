using ImageService.Infra.Tests.Support;
using ImageService.Routes;

namespace ImageService.Infra.Tests;

/// <summary>
/// The synthesised HTTP API against the route table (<see cref="ServiceRoutes"/>), which ImageService.Api.Tests holds
/// against what the API maps per route group: every table route is exactly one API Gateway route (owner routes twice,
/// once behind the authorizer and once under /server without it) to its group's function, and nothing else is routed.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class RouteTableTests(DevTemplate stack)
{
    private sealed record GatewayRoute(string Handler, string? AuthorizerId);

    /// <summary>Route key -> every route with that key (more than one would be a duplicate).</summary>
    private ILookup<string, GatewayRoute> Routes() =>
        stack.Json.HttpApiRoutes().ToLookup(r => r.Key, r => new GatewayRoute(r.Handler, r.AuthorizerId));

    /// <summary>What the table says API Gateway must hold: route key -> function handler and authorizer.</summary>
    private Dictionary<string, GatewayRoute> Expected()
    {
        var authorizer = stack.Json.SingleIdOfType("AWS::ApiGatewayV2::Authorizer");
        var expected = new Dictionary<string, GatewayRoute>(StringComparer.Ordinal);
        foreach (var route in ServiceRoutes.All)
        {
            var handler = ServiceRoutes.HandlerName(route.Group);
            if (route.Access == RouteAccess.Owner)
            {
                expected.Add($"{route.Method} {route.Path}", new GatewayRoute(handler, authorizer));
                expected.Add($"{route.Method} {ServiceRoutes.ServerPathBase}{route.Path}", new GatewayRoute(handler, null));
            }
            else
            {
                expected.Add($"{route.Method} {route.Path}", new GatewayRoute(handler, null));
            }
        }

        return expected;
    }

    [Fact]
    public void Every_table_route_is_one_api_gateway_route_to_its_groups_function_with_its_authorizer()
    {
        var routes = Routes();

        Assert.All(Expected(), expected => Assert.Equal([expected.Value], routes[expected.Key]));
    }

    [Fact]
    public void No_api_gateway_route_is_missing_from_the_table()
    {
        var expected = Expected();

        Assert.All(Routes(), route => Assert.True(expected.ContainsKey(route.Key), $"{route.Key} is not in ServiceRoutes"));
    }

    [Fact]
    public void Every_route_group_has_one_function_whose_handler_names_it()
    {
        var handlers = stack.Json.ServiceFunctions().Select(f => TemplateJson.Text(f.Properties["Handler"])!).Order();

        Assert.Equal(Enum.GetValues<RouteGroup>().Select(ServiceRoutes.HandlerName).Order(), handlers);
        // The worker is the one function without routes: the jobs queue invokes it.
        Assert.All(Enum.GetValues<RouteGroup>().Where(g => g != RouteGroup.Worker), group => Assert.Contains(ServiceRoutes.All, r => r.Group == group));
        Assert.DoesNotContain(ServiceRoutes.All, r => r.Group == RouteGroup.Worker);
    }

    [Fact]
    public void Every_function_behind_a_server_route_may_read_the_api_keys_it_authenticates()
    {
        var accounts = new Dictionary<string, string> { [stack.Json.AccountsTableId()] = "Accounts" };
        var serving = Routes()
            .Where(r => r.Key.Split(' ')[1].StartsWith(ServiceRoutes.ServerPathBase + "/", StringComparison.Ordinal))
            .SelectMany(r => r.Select(route => route.Handler))
            .Distinct()
            .Order()
            .ToList();

        Assert.Equal(ServiceRoutes.All.Where(r => r.Access == RouteAccess.Owner).Select(r => ServiceRoutes.HandlerName(r.Group)).Distinct().Order(), serving);
        Assert.All(serving, handler => Assert.Contains("Allow dynamodb:GetItem {Accounts.Arn}", stack.Json.PermissionsOf(handler, accounts)));
    }

    [Fact]
    public void The_function_behind_health_may_run_its_storage_readiness_probe()
    {
        var table = new Dictionary<string, string> { [stack.Json.ImagesTableId()] = "Table" };
        var health = Assert.Single(Routes()["GET /health"]);

        Assert.Contains("Allow dynamodb:DescribeTable {Table.Arn}", stack.Json.PermissionsOf(health.Handler, table));
    }
}
