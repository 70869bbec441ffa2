using System.Net;
using System.Net.Http.Headers;
using ImageService.Api.Tests.Delivery;
using ImageService.Core.Billing;
using ImageService.Core.Variants;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests.Variants;

/// <summary>The variant renderer the jobs use: it stores what a delivery miss would store, once.</summary>
public sealed class VariantRendererTests(VariantRendererTests.Fixture fixture) : IClassFixture<VariantRendererTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new();

        public void Dispose() => Delivery.Dispose();
    }

    private readonly DeliveryTestApp app = fixture.Delivery;

    private IVariantStore Variants => app.App.Services.GetRequiredService<IVariantStore>();

    private IVariantRenderer Renderer => app.App.Services.GetRequiredService<IVariantRenderer>();

    [Fact]
    public async Task Rendering_twice_stores_one_result_and_counts_one_transformation()
    {
        await app.AccountAsync("vr-twice");
        var image = await app.UploadAsync("vr-twice");
        await DefineAsync("vr-twice", "card", "w=160&h=120&f=webp");

        var first = await Renderer.RenderAsync("vr-twice", image, "card", CancellationToken.None);
        var second = await Renderer.RenderAsync("vr-twice", image, "card", CancellationToken.None);
        var usage = await app.UsageAsync("vr-twice");

        Assert.Equal(VariantRenderOutcome.Rendered, first);
        Assert.Equal(VariantRenderOutcome.AlreadyPresent, second);
        var derived = Assert.Single(DerivedObjects("vr-twice", image));
        Assert.EndsWith(".webp", derived, StringComparison.Ordinal);
        Assert.Equal((0L, 1L, 0L), (usage.Requests, usage.Transformations, usage.CacheHits));
    }

    [Fact]
    public async Task Concurrent_duplicates_render_once()
    {
        await app.AccountAsync("vr-race");
        var image = await app.UploadAsync("vr-race");
        await DefineAsync("vr-race", "thumb", "w=64&h=64&f=png");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Renderer.RenderAsync("vr-race", image, "thumb", CancellationToken.None)));
        var usage = await app.UsageAsync("vr-race");

        Assert.Equal(1, outcomes.Count(o => o == VariantRenderOutcome.Rendered));
        Assert.Equal(3, outcomes.Count(o => o == VariantRenderOutcome.AlreadyPresent));
        Assert.Single(DerivedObjects("vr-race", image));
        Assert.Equal(1L, usage.Transformations);
    }

    [Fact]
    public async Task The_first_delivery_after_rendering_is_a_derived_hit()
    {
        var account = await app.AccountAsync("vr-hit");
        var image = await app.UploadAsync("vr-hit");
        await DefineAsync("vr-hit", "hero", "fit=cover&f=webp&w=200&h=100");
        Assert.Equal(VariantRenderOutcome.Rendered, await Renderer.RenderAsync("vr-hit", image, "hero", CancellationToken.None));
        using var browser = app.Browser();

        // The same transform spelled differently: the same canonical key.
        using var response = await browser.GetAsync($"/{account.PublicKey}/{image}?w=200&h=100&f=webp");
        var usage = await app.UsageAfterAsync("vr-hit", 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("webp", 200, 100), TestImages.Shape(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal((1L, 1L, 1L), (usage.Requests, usage.Transformations, usage.CacheHits));
    }

    [Fact]
    public async Task An_auto_format_variant_is_rendered_for_every_format_a_browser_may_be_answered_with()
    {
        var account = await app.AccountAsync("vr-auto");
        var plan = app.App.Services.GetRequiredService<PlanCatalog>().Get(account.Plan.Id);
        var image = await app.UploadAsync("vr-auto");
        await DefineAsync("vr-auto", "auto", "w=100&f=auto");

        Assert.Equal(VariantRenderOutcome.Rendered, await Renderer.RenderAsync("vr-auto", image, "auto", CancellationToken.None));
        using var browser = app.Browser();
        var statuses = new List<HttpStatusCode>();
        foreach (var accept in new[] { "image/avif,image/webp,*/*", "image/webp,*/*", "*/*" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/{account.PublicKey}/{image}?w=100&f=auto");
            request.Headers.Accept.ParseAdd(accept);
            using var response = await browser.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        var usage = await app.UsageAfterAsync("vr-auto", 3);

        // The test image is an opaque JPEG: no PNG; AVIF only where the plan allows it.
        var expected = new[] { "jpg", "webp" }.Concat(plan.AvifAllowed ? ["avif"] : Array.Empty<string>()).Order().ToArray();
        Assert.Equal(expected, DerivedObjects("vr-auto", image).Select(p => p[(p.LastIndexOf('.') + 1)..]).Order().ToArray());
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(((long)expected.Length, 3L), (usage.Transformations, usage.CacheHits));
    }

    [Fact]
    public async Task A_missing_variant_or_image_renders_nothing()
    {
        await app.AccountAsync("vr-missing");
        await app.AccountAsync("vr-other");
        var image = await app.UploadAsync("vr-missing");
        var othersImage = await app.UploadAsync("vr-other");
        await DefineAsync("vr-missing", "card", "w=50");

        Assert.Equal(VariantRenderOutcome.VariantMissing, await Renderer.RenderAsync("vr-missing", image, "nope", CancellationToken.None));
        Assert.Equal(VariantRenderOutcome.ImageMissing, await Renderer.RenderAsync("vr-missing", othersImage, "card", CancellationToken.None));
        Assert.Equal(VariantRenderOutcome.VariantMissing, await Renderer.RenderAsync("vr-other", othersImage, "card", CancellationToken.None));
        Assert.Empty(DerivedObjects("vr-missing", image));
        Assert.Empty(DerivedObjects("vr-other", othersImage));
    }

    [Fact]
    public async Task Over_the_transformation_quota_the_renderer_refuses_as_delivery_would()
    {
        await app.AccountAsync("vr-quota", plan: "tiny");
        var image = await app.UploadAsync("vr-quota");
        await DefineAsync("vr-quota", "a", "w=10");
        await DefineAsync("vr-quota", "b", "w=11");
        await DefineAsync("vr-quota", "c", "w=12");

        var outcomes = new[]
        {
            await Renderer.RenderAsync("vr-quota", image, "a", CancellationToken.None),
            await Renderer.RenderAsync("vr-quota", image, "b", CancellationToken.None),
            await Renderer.RenderAsync("vr-quota", image, "c", CancellationToken.None),
        };

        Assert.Equal(2, DeliveryTestApp.TinyTransformations);
        Assert.Equal([VariantRenderOutcome.Rendered, VariantRenderOutcome.Rendered, VariantRenderOutcome.RefusedByPlan], outcomes);
        Assert.Equal(2, DerivedObjects("vr-quota", image).Count);
    }

    private async Task DefineAsync(string owner, string name, string transform)
    {
        var now = DateTimeOffset.UtcNow;
        // Stored canonical, as the API stores it.
        var parameters = Core.Delivery.SignedUrls.ParseQuery(transform).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value));
        Assert.True(Core.Imaging.TransformSpec.TryParse(parameters, out var spec, out _));
        var result = await Variants.PutAsync(new Variant { OwnerId = owner, Name = name, Transform = spec.ToCanonicalQuery(), CreatedAt = now, UpdatedAt = now },
            VariantNames.MaxPerAccount);
        Assert.NotEqual(VariantPutStatus.LimitReached, result.Status);
    }

    private List<string> DerivedObjects(string owner, string image) =>
        app.App.StoredObjects().Where(p => p.StartsWith($"derived/{owner}/{image}/", StringComparison.Ordinal)).ToList();
}
