using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Lambda.Tests;

public sealed class HostingSwitchTests
{
    [Fact]
    public async Task Without_a_runtime_api_the_app_keeps_Kestrel()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.UseLambdaHostingWhenConfigured();
        await using var app = builder.Build();

        var server = app.Services.GetRequiredService<IServer>();

        Assert.IsNotType<LambdaServer>(server);
        Assert.Contains("Kestrel", server.GetType().Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_runtime_api_the_server_is_the_Lambda_server()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[LambdaEnvironment.RuntimeApiVariable] = "127.0.0.1:9";
        builder.UseLambdaHostingWhenConfigured();
        await using var app = builder.Build();

        Assert.IsType<LambdaServer>(app.Services.GetRequiredService<IServer>());
    }

    [Fact]
    public async Task Handler_becomes_the_route_group_setting_over_other_sources()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[LambdaHostingExtensions.RouteGroupKey] = "all";
        builder.Configuration[LambdaEnvironment.HandlerVariable] = " transform ";
        builder.UseLambdaHostingWhenConfigured();
        await using var app = builder.Build();

        Assert.Equal("transform", app.Configuration["Hosting:RouteGroup"]);
    }

    [Fact]
    public async Task Without_a_handler_the_route_group_setting_is_left_alone()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[LambdaHostingExtensions.RouteGroupKey] = "all";
        builder.UseLambdaHostingWhenConfigured();
        await using var app = builder.Build();

        Assert.Equal("all", app.Configuration["Hosting:RouteGroup"]);
    }

    [Fact]
    public void Lambda_environment_treats_blank_values_as_absent()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_LAMBDA_RUNTIME_API"] = "  ", ["_HANDLER"] = "get" })
            .Build();

        var lambda = LambdaEnvironment.FromConfiguration(configuration);

        Assert.False(lambda.IsLambda);
        Assert.Null(lambda.RuntimeApi);
        Assert.Equal("get", lambda.Handler);
    }
}
