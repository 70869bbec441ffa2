using Amazon.CDK.Assertions;
using ImageService.Infra.Tests.Support;
using ImageService.Routes;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>HTTP API routes: which function serves each, and which need a token.</summary>
[Collection(SynthCollection.Name)]
public sealed class ApiRouteTests(DevTemplate stack)
{
    private static readonly string[] ManagementRoutes =
    [
        "POST /images", "POST /images/uploads", "POST /images/{id}/complete",
        "GET /images/{id}", "GET /images/{id}/original", "GET /images/{id}/display", "GET /images/{id}/thumbnail",
        "GET /images/{id}/content", "GET /images", "PATCH /images/{id}", "DELETE /images/{id}",
        "GET /account", "PATCH /account", "GET /account/keys", "POST /account/keys", "DELETE /account/keys/{id}",
        "POST /account/signed-urls", "GET /usage", "GET /usage/current",
        "GET /account/variants", "GET /account/variants/{name}", "PUT /account/variants/{name}", "DELETE /account/variants/{name}",
        "POST /jobs", "GET /jobs", "GET /jobs/{id}", "POST /jobs/{id}/cancel", "GET /workflows",
        "POST /billing/checkout", "POST /billing/portal",
    ];

    private static readonly string[] PublicRoutes =
        ["GET /health", "GET /{publicKey}/{proxy+}", "HEAD /{publicKey}/{proxy+}", "GET /{proxy+}", "HEAD /{proxy+}",
            "GET /billing/plans", "POST /billing/webhook"];

    /// <summary>Route key -> (handler of the function behind it, authorization type, authorizer id or null).</summary>
    private Dictionary<string, (string Handler, string AuthorizationType, string? AuthorizerId)> Routes() =>
        stack.Json.HttpApiRoutes().ToDictionary(r => r.Key, r => (r.Handler, r.AuthorizationType, r.AuthorizerId));

    [Fact]
    public void Every_route_reaches_its_route_groups_function()
    {
        var handlers = Routes().Where(r => !IsServerRoute(r.Key)).ToDictionary(r => r.Key, r => r.Value.Handler);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["POST /images"] = "upload",
                ["POST /images/uploads"] = "upload",
                ["POST /images/{id}/complete"] = "upload",
                ["GET /images/{id}"] = "get",
                ["GET /images/{id}/original"] = "get",
                ["GET /images/{id}/display"] = "get",
                ["GET /images/{id}/thumbnail"] = "get",
                ["GET /images/{id}/content"] = "transform",
                ["GET /health"] = "get",
                ["GET /images"] = "list",
                ["PATCH /images/{id}"] = "update",
                ["DELETE /images/{id}"] = "delete",
                ["GET /account"] = "account",
                ["PATCH /account"] = "account",
                ["GET /account/keys"] = "account",
                ["POST /account/keys"] = "account",
                ["DELETE /account/keys/{id}"] = "account",
                ["POST /account/signed-urls"] = "account",
                ["GET /usage"] = "account",
                ["GET /usage/current"] = "account",
                ["GET /account/variants"] = "account",
                ["GET /account/variants/{name}"] = "account",
                ["PUT /account/variants/{name}"] = "account",
                ["DELETE /account/variants/{name}"] = "account",
                ["POST /jobs"] = "jobs",
                ["GET /jobs"] = "jobs",
                ["GET /jobs/{id}"] = "jobs",
                ["POST /jobs/{id}/cancel"] = "jobs",
                ["GET /workflows"] = "jobs",
                ["GET /billing/plans"] = "billing",
                ["POST /billing/checkout"] = "billing",
                ["POST /billing/portal"] = "billing",
                ["POST /billing/webhook"] = "billing",
                ["GET /{publicKey}/{proxy+}"] = "transform",
                ["HEAD /{publicKey}/{proxy+}"] = "transform",
                ["GET /{proxy+}"] = "transform",
                ["HEAD /{proxy+}"] = "transform",
            },
            handlers);
    }

    [Fact]
    public void Every_management_route_requires_a_jwt_from_the_stacks_authorizer()
    {
        var routes = Routes();
        var authorizer = stack.Json.SingleIdOfType("AWS::ApiGatewayV2::Authorizer");

        Assert.All(ManagementRoutes, key => Assert.Equal(("JWT", authorizer), (routes[key].AuthorizationType, routes[key].AuthorizerId)));
    }

    [Fact]
    public void Delivery_and_health_need_no_token()
    {
        var routes = Routes();

        Assert.All(PublicRoutes, key => Assert.Equal(("NONE", (string?)null), (routes[key].AuthorizationType, routes[key].AuthorizerId)));
        Assert.Equal((2 * ManagementRoutes.Length) + PublicRoutes.Length, routes.Count);
    }

    [Fact]
    public void Every_management_route_is_also_under_server_without_the_authorizer_and_to_the_same_function()
    {
        var routes = Routes();

        Assert.All(ManagementRoutes, key =>
        {
            var (method, path) = (key.Split(' ')[0], key.Split(' ')[1]);
            var server = routes[$"{method} /server{path}"];
            Assert.Equal(("NONE", (string?)null, routes[key].Handler), (server.AuthorizationType, server.AuthorizerId, server.Handler));
        });
    }

    private static bool IsServerRoute(string key) => key.Split(' ')[1].StartsWith("/server/", StringComparison.Ordinal);

    [Fact]
    public void Authorizer_trusts_the_stacks_cognito_pool_and_its_app_client()
    {
        var issuer = new Capture();
        var audience = new Capture();

        stack.Template.HasResourceProperties("AWS::ApiGatewayV2::Authorizer", Like(
            ("AuthorizerType", "JWT"),
            ("IdentitySource", Match.ArrayEquals(["$request.header.Authorization"])),
            ("JwtConfiguration", Exactly(("Issuer", issuer), ("Audience", audience)))));

        var aliases = new Dictionary<string, string>
        {
            [stack.Json.SingleIdOfType("AWS::Cognito::UserPool")] = "Pool",
            [stack.Json.SingleIdOfType("AWS::Cognito::UserPoolClient")] = "Client",
        };
        Assert.Equal("https://cognito-idp.{AWS::Region}.amazonaws.com/{Pool}", Render(issuer.AsObject(), aliases));
        Assert.Equal("[{Client}]", Render(audience.AsArray(), aliases));
    }

    [Fact]
    public void Lambda_integrations_use_payload_format_2()
    {
        stack.Template.AllResourcesProperties("AWS::ApiGatewayV2::Integration", Like(
            ("IntegrationType", "AWS_PROXY"), ("PayloadFormatVersion", "2.0")));
        // One per function with routes: the worker and the log ingest have none (a queue and S3 notifications invoke them).
        stack.Template.ResourceCountIs("AWS::ApiGatewayV2::Integration", ServiceRoutes.All.Select(r => r.Group).Distinct().Count());
    }

    private static string Render(object captured, Dictionary<string, string> aliases) =>
        TemplateJson.Render(System.Text.Json.JsonSerializer.SerializeToNode(captured)!, aliases);
}
