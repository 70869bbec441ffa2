using System.Net;

namespace ImageService.Api.Tests.Variants;

/// <summary>PUT/GET/DELETE /account/variants: definitions, validation, limits, ownership. Each test uses its own user.</summary>
public sealed class VariantApiTests(VariantApiTests.Fixture fixture) : IClassFixture<VariantApiTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public VariantTestApp Variants { get; } = new();

        public void Dispose() => Variants.Dispose();
    }

    private readonly VariantTestApp app = fixture.Variants;

    [Fact]
    public async Task A_variant_is_created_read_listed_replaced_and_deleted()
    {
        using var owner = app.Client("va-crud");

        using var created = await app.PutVariantAsync("va-crud", "card", """{"transform": {"w": 320, "h": 320, "fit": "cover", "f": "webp"}, "eager": true}""");
        using var one = await owner.GetAsync("/account/variants/card");
        using var replaced = await app.PutVariantAsync("va-crud", "card", """{"transform": {"w": "400", "fit": "contain", "bg": "FFF"}}""");
        await app.PutVariantOkAsync("va-crud", "avatar", """{"transform": {"w": 64, "h": 64, "gravity": "smart"}}""");
        using var list = await owner.GetAsync("/account/variants");
        using var deleted = await owner.DeleteAsync("/account/variants/card");
        using var afterDelete = await owner.GetAsync("/account/variants/card");
        using var deletedAgain = await owner.DeleteAsync("/account/variants/card");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/account/variants/card", created.Headers.Location?.OriginalString);
        var body = await created.JsonAsync();
        Assert.Equal("card", body.GetProperty("name").GetString());
        // Normalised: fit=cover is the default and left out; numbers stay numbers.
        Assert.Equal("""{"f":"webp","h":320,"w":320}""", body.GetProperty("transform").GetRawText());
        Assert.Equal("f=webp&h=320&w=320", body.GetProperty("query").GetString());
        Assert.True(body.GetProperty("eager").GetBoolean());
        Assert.Equal(body.GetRawText(), (await one.JsonAsync()).GetRawText());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var changed = await replaced.JsonAsync();
        Assert.Equal("bg=ffffff&fit=contain&w=400", changed.GetProperty("query").GetString());
        Assert.False(changed.GetProperty("eager").GetBoolean());
        Assert.Equal(body.GetProperty("createdAt").GetString(), changed.GetProperty("createdAt").GetString());
        Assert.Equal(["avatar", "card"], (await list.JsonAsync()).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        Assert.Equal("urn:imageservice:problem:not-found", (await afterDelete.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    [Theory]
    [InlineData("Hero")]
    [InlineData("hero_1")]
    [InlineData("héro")]
    [InlineData("a23456789012345678901234567890123")]
    public async Task A_name_outside_a_to_z_digits_and_dashes_or_longer_than_32_is_400(string name)
    {
        using var response = await app.PutVariantAsync("va-names", Uri.EscapeDataString(name), """{"transform": {"w": 100}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_32_character_name_of_letters_digits_and_dashes_is_accepted()
    {
        using var response = await app.PutVariantAsync("va-long", "a-0123456789-abcdefghijklmnopqrs", """{"transform": {"w": 100}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Bad_transform_fields_are_400_naming_each_like_signed_urls_do()
    {
        using var response = await app.PutVariantAsync("va-bad", "bad", """{"transform": {"w": 0, "zoom": 2, "fit": "banana", "q": [1]}}""");
        using var missing = await app.PutVariantAsync("va-bad", "bad", """{"eager": true}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        Assert.Equal(["transform.fit", "transform.q", "transform.w", "transform.zoom"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.ReadProblemAsync()).GetProperty("errors").TryGetProperty("transform", out _));
        using var owner = app.Client("va-bad");
        using var list = await owner.GetAsync("/account/variants");
        Assert.Empty((await list.JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_51st_variant_is_refused_but_the_50_can_still_be_replaced()
    {
        for (var i = 1; i <= 50; i++)
        {
            using var created = await app.PutVariantAsync("va-limit", $"v{i}", "{\"transform\": {\"w\": " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var fiftyFirst = await app.PutVariantAsync("va-limit", "v51", """{"transform": {"w": 51}}""");
        using var replace = await app.PutVariantAsync("va-limit", "v7", """{"transform": {"w": 700}}""");

        Assert.Equal(HttpStatusCode.Conflict, fiftyFirst.StatusCode);
        Assert.Equal("urn:imageservice:problem:conflict", (await fiftyFirst.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        using var owner = app.Client("va-limit");
        using var list = await owner.GetAsync("/account/variants");
        Assert.Equal(50, (await list.JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Another_owners_variant_is_invisible_and_untouchable()
    {
        await app.PutVariantOkAsync("va-theirs", "hero", """{"transform": {"w": 1200}}""");
        using var me = app.Client("va-mine");

        using var get = await me.GetAsync("/account/variants/hero");
        using var list = await me.GetAsync("/account/variants");
        using var delete = await me.DeleteAsync("/account/variants/hero");
        using var them = app.Client("va-theirs");
        using var stillThere = await them.GetAsync("/account/variants/hero");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Empty((await list.JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Variants_need_a_credential()
    {
        using var anonymous = app.Browser();

        using var response = await anonymous.GetAsync("/account/variants");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
