using System.Net;
using ImageService.Api.Testing;
using ImageService.Core.Imaging;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests.Observability;

/// <summary>/metrics shows the render gate (renders running and waiting) and the runtime's own memory figures.
/// Process-wide like the other /metrics tests (the exporter sees every ImageService meter in the process).</summary>
[Collection(nameof(ProcessWide))]
public sealed class RenderMetricsTests : IDisposable
{
    private readonly ImageServiceApp app = new(new Dictionary<string, string?>
    {
        ["Observability:PrometheusEndpoint"] = "true",
        ["Imaging:MaxConcurrentRenders"] = "1",
        ["Imaging:MaxQueuedRenders"] = "2",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_renders_gauge_counts_the_running_render_and_the_one_waiting_behind_it()
    {
        using var client = app.CreateClient(user: "alice");
        var gate = app.Services.GetRequiredService<RenderGate>();
        var idle = await ScrapeAsync();
        Assert.Equal((0, 0), (idle.Value("imageservice_renders", "state=running"), idle.Value("imageservice_renders", "state=waiting")));

        var running = await gate.EnterAsync(CancellationToken.None);
        var upload = client.UploadAsync(TestImages.Jpeg(320, 200));
        for (var i = 0; i < 200 && gate.Waiting == 0; i++)
        {
            await Task.Delay(10);
        }
        var busy = await ScrapeAsync();
        running.Dispose();
        using var uploaded = await upload.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, busy.Value("imageservice_renders", "state=running"));
        Assert.Equal(1, busy.Value("imageservice_renders", "state=waiting"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
    }

    [Fact]
    public async Task The_runtime_meter_reports_the_managed_heap()
    {
        GC.Collect();
        var scraped = await ScrapeAsync();

        Assert.True(scraped.Has("dotnet_gc_last_collection_heap_size_bytes"), "the System.Runtime meter is exported");
        Assert.True(scraped.Value("dotnet_gc_last_collection_memory_committed_size_bytes") > 0);
    }

    private Task<PrometheusText> ScrapeAsync() => PrometheusText.ScrapeAsync(app.Server);
}
