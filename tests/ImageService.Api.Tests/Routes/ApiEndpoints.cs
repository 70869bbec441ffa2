using ImageService.Api.Hosting;
using ImageService.Lambda.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageService.Api.Tests.Routes;

/// <summary>
/// What the API maps when a Lambda function runs it: the app composed as Program.cs composes it, on the AWS backend (as
/// deployed, so the embedded backend's own endpoints are absent) with <c>Hosting:RouteGroup</c> set to the function's
/// handler. The app is built, never started: nothing is called, so the endpoints and names below are placeholders.
/// </summary>
internal static class ApiEndpoints
{
    public static IReadOnlyList<MappedEndpoint> For(string routeGroup)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["Hosting:RouteGroup"] = routeGroup,
                     ["Storage:Backend"] = "Aws",
                     ["Storage:Aws:Region"] = "us-east-1",
                     ["Storage:Aws:ServiceUrl"] = "http://127.0.0.1:9/",
                     ["Storage:Aws:TableName"] = "Images",
                     ["Storage:Aws:BucketName"] = "images",
                     ["Storage:Aws:Accounts:TableName"] = "Accounts",
                     ["Auth:Issuer"] = "https://issuer.example",
                     ["Auth:Audience"] = "imageservice-api",
                     ["Auth:SigningKey"] = "route-table-tests-signing-key-0123456789-abcdef",
                     ["Paging:CursorKey"] = Convert.ToBase64String(new byte[32]),
                 })
        {
            builder.Configuration[key] = value;
        }
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddImageServiceApi(builder.Configuration);
        using var app = builder.Build();
        app.UseImageServiceApi();

        // The app's own data sources: the DI EndpointDataSource is only filled once the pipeline is built at start.
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            // Lambda event endpoints (SQS, S3, schedules) are invoked by the host, never routed by API Gateway.
            .Where(endpoint => endpoint.Metadata.GetMetadata<LambdaEventEndpointMetadata>() is null)
            .SelectMany(endpoint =>
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                    ?? throw new InvalidOperationException($"{endpoint.DisplayName} accepts every method; API Gateway routes name one.");
                var requiresCaller = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
                    && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
                return methods.Select(method =>
                    new MappedEndpoint(RouteShape.FromPattern(method, endpoint.RoutePattern), requiresCaller, endpoint.DisplayName ?? "?"));
            })
            .ToList();
    }
}
