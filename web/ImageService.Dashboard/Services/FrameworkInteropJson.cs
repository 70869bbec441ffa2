using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.JSInterop;

namespace ImageService.Dashboard.Services;

/// <summary>
/// Gives Blazor's JS runtime the source-generated <see cref="FrameworkInteropJsonContext"/> before the renderer starts.
/// The runtime's serializer options are protected (<c>JSRuntime.JsonSerializerOptions</c>) and have no resolver when
/// reflection JSON is off, so every event and interop call would fail; the accessor reaches the property without
/// reflection (the trimmer keeps what it names, and a rename in a later Blazor fails at start, not silently).
/// </summary>
internal static class FrameworkInteropJson
{
    public static void AddTo(IJSRuntime runtime)
    {
        var options = JsonOptionsOf((JSRuntime)runtime);
        options.TypeInfoResolverChain.Add(FrameworkInteropJsonContext.Default);
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_JsonSerializerOptions")]
    private static extern JsonSerializerOptions JsonOptionsOf(JSRuntime runtime);
}
