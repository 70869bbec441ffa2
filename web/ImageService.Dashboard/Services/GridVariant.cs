using System.Text.Json;
using ImageService.Contracts.Jobs;
using ImageService.Contracts.Variants;

namespace ImageService.Dashboard.Services;

/// <summary>
/// The grid's thumbnail as one of the account's named variants (<see cref="Name"/>: 240 px square, WebP), eager, so
/// every upload renders it before anyone opens the grid and the grid reads stored results instead of waiting for 20
/// renders. Delivery, the eager job and the jobs API already do all of it; the dashboard only makes sure the variant
/// exists (once per session): when it creates it, a <c>render-variants</c> job renders it for the images uploaded
/// before. A variant URL also works when the account allows only variants (<c>allowArbitraryTransforms: false</c>).
/// </summary>
public sealed class GridVariant
{
    public const string Name = "dashboard-grid";

    private const string JobKind = "render-variants";

    /// <summary>The transform both the variant and the signed thumbnail URLs carry: one canonical transform, so both
    /// address the same stored result.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Transform =
        [new("w", "240"), new("h", "240"), new("fit", "cover"), new("f", "webp")];

    private readonly ApiClient api;
    private Task<bool>? ensured;

    public GridVariant(ApiClient api, Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        this.api = api;
        // Another user may sign in next: ask again for that account.
        session.Changed += () => ensured = null;
    }

    /// <summary>Whether the account has the variant (it had it, or it was created now). False when it cannot have it
    /// (the account's 50 variants are taken, the API refused): the grid then asks for the transform itself.</summary>
    public async Task<bool> EnsureAsync()
    {
        var task = ensured ??= EnsureCoreAsync();
        var ok = await task;
        if (!ok && ReferenceEquals(ensured, task))
        {
            // A refusal may pass (a network error, a variant slot freed): ask again next time.
            ensured = null;
        }
        return ok;
    }

    private async Task<bool> EnsureCoreAsync()
    {
        // The list (at most 50), not GET /account/variants/{name}: a 404 for the usual first visit would be an error
        // line in every browser console.
        var listed = await api.GetAsync("account/variants", DashboardJsonContext.Default.JsonElement);
        if (!listed.Ok)
        {
            return false;
        }
        if (listed.Value.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            && items.EnumerateArray().Any(v => v.TryGetProperty("name", out var name) && name.GetString() == Name))
        {
            return true;
        }
        var request = new VariantRequest
        {
            Transform = Transform.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, DashboardJsonContext.Default.String), StringComparer.Ordinal),
            Eager = true,
        };
        var created = await api.SendAsync("PUT", $"account/variants/{Name}", request,
            DashboardJsonContext.Default.VariantRequest, DashboardJsonContext.Default.JsonElement);
        if (!created.Ok)
        {
            return false;
        }
        // Images uploaded before the variant existed: render them in the background. If the job cannot start, their
        // thumbnails render on first request, through the same URL.
        await api.SendAsync("POST", "jobs",
            new CreateJobRequest(JobKind, [Name], AlbumId: null, ImageIds: null, All: true, Workflow: null, ImageId: null, Parameters: null, CallbackUrl: null),
            DashboardJsonContext.Default.CreateJobRequest, DashboardJsonContext.Default.JsonElement);
        return true;
    }
}
