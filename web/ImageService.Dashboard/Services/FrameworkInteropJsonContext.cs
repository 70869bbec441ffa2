using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop.Infrastructure;

namespace ImageService.Dashboard.Services;

/// <summary>
/// What Blazor's own JS interop serialises in this app, source-generated so reflection JSON can be off (issue 13's
/// download budget: System.Text.Json loses its reflection resolver, about 25 KB compressed). The app itself crosses to
/// JS only through [JSImport]; the framework still uses IJSRuntime: events arrive as two JsonElement arguments (Blazor
/// reads the standard events' arguments by hand; only events outside its list, submit among them, are read as JSON,
/// here as plain EventArgs: a custom event type would need its own entry), their Task result goes back as a null
/// object, navigation sends its NavigationOptions and its notifications carry strings and booleans, FocusOnNavigate and
/// HeadOutlet send a selector and read the page title, void calls read an IJSVoidResult. Blazor 10.0's JSRuntime has no
/// resolver of its own once reflection is off (.NET 11 adds one); <see cref="FrameworkInteropJson"/> adds this.
/// </summary>
// Metadata only: the fast-path writers would only serve the framework's own call shapes, which go through object.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(object[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(IJSVoidResult))]
[JsonSerializable(typeof(NavigationOptions))]
[JsonSerializable(typeof(EventArgs))]
internal sealed partial class FrameworkInteropJsonContext : JsonSerializerContext;
