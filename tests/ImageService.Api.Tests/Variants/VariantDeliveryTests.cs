using System.Net;
using ImageService.Core.Variants;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests.Variants;

/// <summary>Delivery of <c>?variant={name}</c>, the allowArbitraryTransforms setting, and the purge of a changed variant.</summary>
public sealed class VariantDeliveryTests(VariantDeliveryTests.Fixture fixture) : IClassFixture<VariantDeliveryTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public VariantTestApp Variants { get; } = new();

        public void Dispose() => Variants.Dispose();
    }

    private const string Card = """{"transform": {"w": 320, "h": 320, "fit": "cover", "f": "webp"}}""";

    private readonly VariantTestApp app = fixture.Variants;

    [Fact]
    public async Task A_variant_url_delivers_the_variants_size_and_format()
    {
        var pk = await app.PublicKeyAsync("vd-size");
        var image = await app.UploadAsync("vd-size");
        await app.PutVariantOkAsync("vd-size", "card", Card);
        using var browser = app.Browser();

        using var response = await browser.GetAsync($"/{pk}/{image}?variant=card");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("webp", 320, 320), TestImages.Shape(await response.Content.ReadAsByteArrayAsync()));
        // The URL's meaning can change: not immutable, shorter for browsers (they cannot be purged) than for the CDN.
        Assert.Equal("public, max-age=3600, s-maxage=86400", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task The_accounts_default_transform_does_not_apply_under_a_variant()
    {
        var pk = await app.PublicKeyAsync("vd-default");
        var image = await app.UploadAsync("vd-default");
        await app.PutVariantOkAsync("vd-default", "plain", """{"transform": {"w": 200}}""");
        using var owner = app.Client("vd-default");
        using var patch = await owner.PatchJsonAsync("/account", """{"defaultTransform": "f=png&h=10"}""");
        using var browser = app.Browser();

        using var response = await browser.GetAsync($"/{pk}/{image}?variant=plain");

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        // The 800x500 JPEG at w=200 in its own format, not the default's PNG 10 px high.
        Assert.Equal(("jpeg", 200, 125), TestImages.Shape(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Mixing_other_parameters_into_a_variant_url_is_400_naming_them()
    {
        var pk = await app.PublicKeyAsync("vd-mix");
        var image = await app.UploadAsync("vd-mix");
        await app.PutVariantOkAsync("vd-mix", "card", Card);
        using var browser = app.Browser();

        using var mixed = await browser.GetAsync($"/{pk}/{image}?variant=card&w=2000&q=90");
        using var twice = await browser.GetAsync($"/{pk}/{image}?variant=card&variant=hero");
        using var malformed = await browser.GetAsync($"/{pk}/{image}?variant=Card!");

        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        var errors = (await mixed.ReadProblemAsync()).GetProperty("errors");
        Assert.Equal(["q", "w"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.True((await twice.ReadProblemAsync()).GetProperty("errors").TryGetProperty("variant", out _));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task An_unknown_variant_and_another_owners_variant_are_404_problems()
    {
        var pk = await app.PublicKeyAsync("vd-unknown");
        var image = await app.UploadAsync("vd-unknown");
        await app.PutVariantOkAsync("vd-other", "secret", Card);
        using var browser = app.Browser();

        using var unknown = await browser.GetAsync($"/{pk}/{image}?variant=nope");
        using var theirs = await browser.GetAsync($"/{pk}/{image}?variant=secret");

        foreach (var response in new[] { unknown, theirs })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("urn:imageservice:problem:not-found", (await response.ReadProblemAsync()).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task The_owners_content_endpoint_takes_a_variant_alone_like_delivery()
    {
        var image = await app.UploadAsync("vd-content");
        await app.PutVariantOkAsync("vd-content", "card", Card);
        await app.PutVariantOkAsync("vd-content-other", "avatar", Card);
        using var owner = app.Client("vd-content");
        using var patch = await owner.PatchJsonAsync("/account", """{"allowArbitraryTransforms": false}""");

        using var variant = await owner.GetAsync($"/images/{image}/content?variant=card");
        using var mixed = await owner.GetAsync($"/images/{image}/content?variant=card&w=10&f=png");
        using var twice = await owner.GetAsync($"/images/{image}/content?variant=card&variant=card");
        using var unknown = await owner.GetAsync($"/images/{image}/content?variant=avatar");
        using var arbitrary = await owner.GetAsync($"/images/{image}/content?w=40");

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        // The setting guards the public route only: the owner's view serves the variant and arbitrary transforms.
        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        Assert.Equal(("webp", 320, 320), TestImages.Shape(await variant.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.OK, arbitrary.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        var errors = (await mixed.ReadProblemAsync()).GetProperty("errors");
        Assert.Equal(["f", "w"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.True((await twice.ReadProblemAsync()).GetProperty("errors").TryGetProperty("variant", out _));
        // Another owner's variant name is not one of yours.
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("urn:imageservice:problem:not-found", (await unknown.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task With_arbitrary_transforms_off_only_variant_urls_are_served()
    {
        var pk = await app.PublicKeyAsync("vd-only");
        var image = await app.UploadAsync("vd-only");
        await app.PutVariantOkAsync("vd-only", "card", Card);
        using var owner = app.Client("vd-only");
        using var before = await owner.GetAsync("/account");
        using var patch = await owner.PatchJsonAsync("/account", """{"allowArbitraryTransforms": false}""");
        using var browser = app.Browser();

        using var arbitrary = await browser.GetAsync($"/{pk}/{image}?w=4000");
        using var plain = await browser.GetAsync($"/{pk}/{image}");
        using var variant = await browser.GetAsync($"/{pk}/{image}?variant=card");
        using var reset = await owner.PatchJsonAsync("/account", """{"allowArbitraryTransforms": null}""");
        using var again = await browser.GetAsync($"/{pk}/{image}?w=40");

        Assert.True((await before.JsonAsync()).GetProperty("allowArbitraryTransforms").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.False((await patch.JsonAsync()).GetProperty("allowArbitraryTransforms").GetBoolean());
        foreach (var refused in new[] { arbitrary, plain })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var problem = await refused.ReadProblemAsync();
            Assert.Equal("urn:imageservice:problem:variant-required", problem.GetProperty("type").GetString());
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
        }
        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        Assert.True((await reset.JsonAsync()).GetProperty("allowArbitraryTransforms").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Changing_a_variant_purges_its_derived_results_and_the_cdn_and_serves_the_new_transform()
    {
        var pk = await app.PublicKeyAsync("vd-change");
        var image = await app.UploadAsync("vd-change");
        await app.PutVariantOkAsync("vd-change", "card", Card);
        using var browser = app.Browser();
        using var first = await browser.GetAsync($"/{pk}/{image}?variant=card");
        var rendered = Assert.Single(app.DerivedObjects("vd-change", image));
        app.Cdn.Batches.Clear();

        await app.PutVariantOkAsync("vd-change", "card", """{"transform": {"w": 100, "h": 50, "f": "png"}}""");
        var purged = app.DerivedObjects("vd-change", image);
        var cdnAfterChange = app.Cdn.Batches.SelectMany(b => b).ToArray();
        using var second = await browser.GetAsync($"/{pk}/{image}?variant=card");

        Assert.Equal(("webp", 320, 320), TestImages.Shape(await first.Content.ReadAsByteArrayAsync()));
        Assert.DoesNotContain(rendered, purged);
        Assert.Empty(purged);
        // One wildcard covers every URL of the account (signed ones carry sig and exp too).
        Assert.Equal([$"/{pk}/*"], cdnAfterChange);
        Assert.Equal(("png", 100, 50), TestImages.Shape(await second.Content.ReadAsByteArrayAsync()));
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task On_an_account_with_custom_domains_each_images_variant_url_is_purged_too()
    {
        var pk = await app.PublicKeyAsync("vd-domain");
        using var owner = app.Client("vd-domain");
        using var domains = await owner.PatchJsonAsync("/account", """{"customDomains": ["img.vd-domain.example"]}""");
        var image = await app.UploadAsync("vd-domain");
        using var named = await owner.PatchJsonAsync($"/images/{image}", """{"path": "shop/hat.jpg"}""");
        await app.PutVariantOkAsync("vd-domain", "card", Card);
        app.Cdn.Batches.Clear();

        await app.PutVariantOkAsync("vd-domain", "card", """{"transform": {"w": 10}}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (domains.StatusCode, named.StatusCode));
        Assert.Equal([$"/{pk}/*", $"/{image}?variant=card", "/shop/hat.jpg?variant=card"], app.Cdn.Batches.SelectMany(b => b));
    }

    [Fact]
    public async Task Changing_only_eager_purges_nothing()
    {
        var pk = await app.PublicKeyAsync("vd-eager");
        var image = await app.UploadAsync("vd-eager");
        await app.PutVariantOkAsync("vd-eager", "card", Card);
        using var browser = app.Browser();
        using var first = await browser.GetAsync($"/{pk}/{image}?variant=card");
        app.Cdn.Batches.Clear();

        await app.PutVariantOkAsync("vd-eager", "card", """{"transform": {"f": "webp", "h": 320, "w": 320}, "eager": true}""");

        Assert.Single(app.DerivedObjects("vd-eager", image));
        Assert.Empty(app.Cdn.Batches);
    }

    [Fact]
    public async Task Deleting_a_variant_purges_it_and_its_urls_answer_404()
    {
        var pk = await app.PublicKeyAsync("vd-delete");
        var image = await app.UploadAsync("vd-delete");
        var other = await app.UploadAsync("vd-delete");
        await app.PutVariantOkAsync("vd-delete", "card", Card);
        using var browser = app.Browser();
        using var one = await browser.GetAsync($"/{pk}/{image}?variant=card");
        using var two = await browser.GetAsync($"/{pk}/{other}?variant=card");
        using var arbitrary = await browser.GetAsync($"/{pk}/{image}?w=33");
        app.Cdn.Batches.Clear();
        using var owner = app.Client("vd-delete");

        using var deleted = await owner.DeleteAsync("/account/variants/card");
        using var after = await browser.GetAsync($"/{pk}/{image}?variant=card");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(app.DerivedObjects("vd-delete", other));
        // Only the variant's result goes; the arbitrary transform's stays.
        Assert.EndsWith(".jpg", Assert.Single(app.DerivedObjects("vd-delete", image)), StringComparison.Ordinal);
        Assert.Contains($"/{pk}/*", app.Cdn.Batches.SelectMany(b => b));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task The_first_variant_delivery_after_the_renderer_ran_is_a_derived_hit()
    {
        var pk = await app.PublicKeyAsync("vd-eager-hit");
        var image = await app.UploadAsync("vd-eager-hit");
        await app.PutVariantOkAsync("vd-eager-hit", "card", Card);
        var renderer = app.App.Services.GetRequiredService<IVariantRenderer>();
        Assert.Equal(VariantRenderOutcome.Rendered, await renderer.RenderAsync("vd-eager-hit", image, "card", CancellationToken.None));
        using var browser = app.Browser();

        using var response = await browser.GetAsync($"/{pk}/{image}?variant=card");
        var usage = await app.UsageAfterAsync("vd-eager-hit", 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("webp", 320, 320), TestImages.Shape(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal((1L, 1L, 1L), (usage.GetProperty("requests").GetInt64(), usage.GetProperty("transformations").GetInt64(), usage.GetProperty("cacheHits").GetInt64()));
        Assert.Single(app.DerivedObjects("vd-eager-hit", image));
    }
}
