using System.Text.Json;

namespace ImageService.Api.Tests;

/// <summary>The API's runtime configuration, as the build writes it for the process that serves it (the Native AOT
/// publish compiles the same MSBuild properties in). The soak's flat memory depends on these: background GC let the
/// large-object buffers of uploads and renders pile up between gen2s (RESULTS-soak.md, session 7).</summary>
public sealed class GarbageCollectorSettingsTests
{
    [Fact]
    public void The_api_runs_workstation_gc_without_background_collections()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "bootstrap.runtimeconfig.json");
        Assert.True(File.Exists(path), $"The API's runtime configuration is not beside the tests: {path}");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
