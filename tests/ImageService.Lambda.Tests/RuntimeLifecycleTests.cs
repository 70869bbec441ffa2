using System.Diagnostics;
using ImageService.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImageService.Lambda.Tests;

public sealed class RuntimeLifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Start_up_failure_is_posted_once_to_init_error_with_its_type_header()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        using var reporter = new LambdaInitErrorReporter(runtime.Address);

        var first = reporter.Report(new InvalidOperationException("Missing configuration: Storage:Bucket"));
        var second = reporter.Report(new InvalidOperationException("again"));

        var posted = await runtime.InitError.WaitAsync(Patience);
        Assert.True(first);
        Assert.False(second);
        Assert.Equal("Runtime.InitError", posted.ErrorTypeHeader);
        Assert.StartsWith("application/json", posted.ContentType, StringComparison.Ordinal);
        Assert.Equal("Runtime.InitError", posted.Json.GetProperty("errorType").GetString());
        Assert.Equal(
            "System.InvalidOperationException: Missing configuration: Storage:Bucket",
            posted.Json.GetProperty("errorMessage").GetString());
        Assert.Single(runtime.Timeline, e => e == "init-error");
    }

    [Fact]
    public async Task No_init_error_is_reported_once_the_server_polls()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        using var reporter = new LambdaInitErrorReporter(runtime.Address);

        reporter.InitCompleted();

        Assert.False(reporter.Report(new InvalidOperationException("too late")));
    }

    [Fact]
    public async Task Stopping_the_host_hangs_up_the_pending_next_poll_instead_of_waiting_out_the_shutdown_timeout()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        // An hour of shutdown grace and a stop token that never fires: a server that waited for its poll to be answered
        // (the fake never answers it) would hold StopAsync for the hour, so StopAsync returns only if the server hangs up.
        var app = await LambdaModeApp.StartAsync(runtime, new Dictionary<string, string?> { ["shutdownTimeoutSeconds"] = "3600" });
        Assert.Equal(TimeSpan.FromHours(1), app.App.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        await WaitUntil(() => runtime.Timeline.Contains("next"));

        using var neverCancelled = new CancellationTokenSource();
        var stopping = app.App.StopAsync(neverCancelled.Token);
        await runtime.NextAbandoned.Task.WaitAsync(Patience);
        await stopping.WaitAsync(Patience);
        await app.DisposeAsync();

        Assert.False(neverCancelled.IsCancellationRequested);
        Assert.Equal(["next"], runtime.Timeline); // one poll, hung up; nothing posted, no poll after the stop
    }

    [Fact]
    public async Task A_failing_runtime_api_stops_the_application()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        runtime.FailNextWith(500);
        await using var app = await LambdaModeApp.StartAsync(runtime);
        var lifetime = app.App.Lifetime;

        await WaitUntil(() => lifetime.ApplicationStopping.IsCancellationRequested);

        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("Runtime API failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_response_above_the_payload_limit_is_reported_as_a_function_error()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        runtime.LimitResponsesTo(200);
        await using var app = await LambdaModeApp.StartAsync(runtime);

        var outcome = await runtime.InvokeAsync(Events.Load("get-binary-image.json"));

        Assert.Equal("error", outcome.Kind);
        Assert.Equal("Function.ResponseSizeTooLarge", outcome.ErrorTypeHeader);
        Assert.Contains("6 MB", outcome.Json.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains(runtime.Timeline, e => e.StartsWith("too-large:", StringComparison.Ordinal));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
