using System.Net;
using ImageService.Api.Testing;
using ImageService.Core.Imaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Tests.Images;

/// <summary>Imaging:MaxConcurrentRenders bounds the renders of one process; the tests hold the only slot themselves,
/// so "a render is running" is a fact of the test rather than a race with a slow engine.</summary>
public sealed class RenderQueueTests
{
    private static ImageServiceApp OneRenderAtATime(int queued, string timeout = "00:00:30") => new(new()
    {
        ["Imaging:MaxConcurrentRenders"] = "1",
        ["Imaging:MaxQueuedRenders"] = queued.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Imaging:RenderQueueTimeout"] = timeout,
    });

    [Fact]
    public async Task An_upload_beyond_the_bound_waits_for_the_running_render_and_then_succeeds()
    {
        using var app = OneRenderAtATime(queued: 1);
        using var client = app.CreateClient(user: "alice");
        var gate = app.Services.GetRequiredService<RenderGate>();
        var running = await gate.EnterAsync(CancellationToken.None);

        var upload = client.UploadAsync(TestImages.Jpeg(640, 400));
        for (var i = 0; i < 200 && gate.Waiting == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, gate.Waiting);
        Assert.False(upload.IsCompleted);
        running.Dispose();
        using var response = await upload.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((0, 0), (gate.InFlight, gate.Waiting));
    }

    [Fact]
    public async Task A_full_queue_answers_503_render_queue_full_with_retry_after_and_stores_nothing()
    {
        using var app = OneRenderAtATime(queued: 0);
        using var client = app.CreateClient(user: "alice");
        var gate = app.Services.GetRequiredService<RenderGate>();
        var image = await client.UploadOkAsync(TestImages.Jpeg(640, 400));
        var stored = app.StoredObjects().Count;

        using (await gate.EnterAsync(CancellationToken.None))
        {
            using var upload = await client.UploadAsync(TestImages.Jpeg(320, 200));
            using var transform = await client.GetAsync($"/images/{image.Id}/content?w=123");

            foreach (var refused in new[] { upload, transform })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
                var problem = await refused.ReadProblemAsync();
                Assert.Equal("urn:imageservice:problem:render-queue-full", problem.GetProperty("type").GetString());
            }
            Assert.Equal(stored, app.StoredObjects().Count);
            Assert.Single(await client.ListedIdsAsync());
        }

        using var retried = await client.GetAsync($"/images/{image.Id}/content?w=123");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(123, TestImages.Shape(await retried.Content.ReadAsByteArrayAsync()).Width);
    }

    [Fact]
    public async Task A_render_that_waits_past_the_timeout_is_refused()
    {
        using var app = OneRenderAtATime(queued: 4, timeout: "00:00:00.200");
        using var client = app.CreateClient(user: "alice");
        var image = await client.UploadOkAsync(TestImages.Jpeg(640, 400));

        using (await app.Services.GetRequiredService<RenderGate>().EnterAsync(CancellationToken.None))
        {
            using var transform = await client.GetAsync($"/images/{image.Id}/content?w=99");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, transform.StatusCode);
            Assert.Contains("within 0.2 s", (await transform.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_bound_defaults_to_half_the_processors()
    {
        using var app = new ImageServiceApp();
        using var client = app.CreateClient(user: "alice");

        var gate = app.Services.GetRequiredService<RenderGate>();

        Assert.Equal((Math.Max(1, Environment.ProcessorCount / 2), 64, TimeSpan.FromSeconds(10)), (gate.MaxConcurrent, gate.MaxQueued, gate.MaxWait));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(16, 8)]
    public void Half_the_processors_is_at_least_one_render(int processors, int expected) =>
        Assert.Equal(expected, ImageService.Imaging.ImagingOptions.DefaultConcurrentRenders(processors));

    [Theory]
    [InlineData("Imaging:MaxConcurrentRenders", "0", "MaxConcurrentRenders")]
    [InlineData("Imaging:MaxQueuedRenders", "-1", "MaxQueuedRenders")]
    [InlineData("Imaging:RenderQueueTimeout", "00:05:01", "Imaging:RenderQueueTimeout")]
    [InlineData("Imaging:RenderQueueTimeout", "-00:00:01", "Imaging:RenderQueueTimeout")]
    public void Render_queue_settings_out_of_range_stop_the_start_naming_the_key(string key, string value, string named)
    {
        using var app = new ImageServiceApp(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(failure.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void A_native_heap_mode_that_does_not_exist_stops_the_start_naming_the_key()
    {
        using var app = new ImageServiceApp(new() { ["Imaging:NativeHeap"] = "Sometimes" });

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Imaging:NativeHeap", failure.ToString(), StringComparison.Ordinal);
    }
}
