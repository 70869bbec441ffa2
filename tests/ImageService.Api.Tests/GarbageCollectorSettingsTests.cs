using System.Text.Json;

namespace ImageService.Api.Tests;

/// <summary>The API's runtime configuration, as the build writes it for the process that serves it (the Native AOT
/// publish compiles the same settings in). The soak's flat memory depends on these: without ConserveMemory the
/// large-object heap, which takes the buffers of every upload and render, fragmented (RESULTS-soak.md, session 7).</summary>
public sealed class GarbageCollectorSettingsTests
{
    [Fact]
    public void The_api_runs_workstation_gc_that_compacts_a_fragmented_large_object_heap()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "bootstrap.runtimeconfig.json");
        Assert.True(File.Exists(path), $"The API's runtime configuration is not beside the tests: {path}");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
