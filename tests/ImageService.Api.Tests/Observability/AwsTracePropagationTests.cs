using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageService.Api.Tests.Observability;

/// <summary>
/// Outgoing AWS SDK calls carry the request's trace: the W3C <c>traceparent</c> of the current Activity (HttpClient's
/// propagation, which the SDK's HTTP client goes through) and, in Lambda, the invocation's X-Ray header from
/// <c>_X_AMZN_TRACE_ID</c> (the SDK's own recursion-detection handler). Checked against a loopback endpoint that
/// records what it receives. Sets process environment variables, so it runs alone.
/// </summary>
[Collection(nameof(ProcessWide))]
public sealed class AwsTracePropagationTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<IHeaderDictionary> received = new();
    private WebApplication endpoint = null!;
    private string url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        endpoint = builder.Build();
        endpoint.MapPost("/", (HttpContext context) =>
        {
            received.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)));
            return Results.Text("""{"TableNames":[]}""", "application/x-amz-json-1.0");
        });
        await endpoint.StartAsync();
        url = endpoint.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
    }

    public async Task DisposeAsync() => await endpoint.DisposeAsync();

    [Fact]
    public async Task A_dynamodb_call_carries_the_activitys_traceparent_and_the_lambda_xray_header()
    {
        const string xray = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        var saved = (Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME"), Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));
        Environment.SetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME", "imageservice-test");
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", xray);
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        try
        {
            using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"),
                new AmazonDynamoDBConfig { ServiceURL = url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

            await client.ListTablesAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME", saved.Item1);
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", saved.Item2);
        }

        var headers = Assert.Single(received);
        Assert.Equal(xray, headers["X-Amzn-Trace-Id"].ToString());
        Assert.Contains($"-{activity.TraceId.ToHexString()}-", headers["traceparent"].ToString(), StringComparison.Ordinal);
    }
}
