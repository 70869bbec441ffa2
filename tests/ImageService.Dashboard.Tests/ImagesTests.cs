using System.Net.Http;
using ImageService.Dashboard.Components;
using ImageService.Dashboard.Pages;
using ImageService.Dashboard.Services;

namespace ImageService.Dashboard.Tests;

public sealed class ImagesTests : DashboardTestContext
{
    public ImagesTests()
    {
        Api.On(HttpMethod.Get, "/account", 200, Account);
    }

    [Fact]
    public void Thumbnails_are_public_delivery_urls_without_any_token()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/images?limit=20", 200, $$"""{"items":[{{Image("01A", "Beach")}},{{Image("01B")}}],"next":null}""");

        var page = Render<Images>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".grid img").Count));
        var sources = page.FindAll(".grid img").Select(i => i.GetAttribute("src")).ToArray();
        Assert.Equal("https://cdn.example.test/pk_test123/01A?w=240&h=240&fit=cover&f=webp", sources[0]);
        Assert.All(sources, s => Assert.DoesNotContain("token", s, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Beach", page.Find(".grid img").GetAttribute("alt"));
        Assert.Equal("images/01A", page.Find(".grid a").GetAttribute("href"));
    }

    [Fact]
    public void Thumbnails_name_the_grid_variant_when_the_account_has_it()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account/variants", 200,
            """{"items":[{"name":"card","transform":{"w":600},"query":"w=600","eager":false,"createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z"},{"name":"dashboard-grid","transform":{"f":"webp","fit":"cover","h":240,"w":240},"query":"f=webp&fit=cover&h=240&w=240","eager":true,"createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z"}]}""");
        Api.On(HttpMethod.Get, "/images?limit=20", 200, $$"""{"items":[{{Image("01A")}},{{Image("01B")}}],"next":null}""");

        var page = Render<Images>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".grid img").Count));
        Assert.Equal(["https://cdn.example.test/pk_test123/01A?variant=dashboard-grid", "https://cdn.example.test/pk_test123/01B?variant=dashboard-grid"],
            page.FindAll(".grid img").Select(i => i.GetAttribute("src")));
        // Found: nothing created, no job.
        Assert.Empty(Api.BodiesOf(HttpMethod.Put, "/account/variants/dashboard-grid"));
        Assert.Empty(Api.BodiesOf(HttpMethod.Post, "/jobs"));
    }

    [Fact]
    public void A_missing_grid_variant_is_created_eager_and_rendered_for_earlier_images()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account/variants", 200,
            """{"items":[{"name":"card","transform":{"w":600},"query":"w=600","eager":false,"createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z"}]}""");
        Api.On(HttpMethod.Put, "/account/variants/dashboard-grid", 200,
            """{"name":"dashboard-grid","transform":{"f":"webp","fit":"cover","h":240,"w":240},"query":"f=webp&fit=cover&h=240&w=240","eager":true,"createdAt":"2026-12-01T10:00:00Z","updatedAt":"2026-12-01T10:00:00Z"}""");
        Api.On(HttpMethod.Post, "/jobs", 202, """{"id":"job_1","kind":"render-variants","status":"queued"}""");
        Api.On(HttpMethod.Get, "/images?limit=20", 200, $$"""{"items":[{{Image("01A")}}],"next":null}""");

        var page = Render<Images>();

        page.WaitForAssertion(() => Assert.Equal("https://cdn.example.test/pk_test123/01A?variant=dashboard-grid", page.Find(".grid img").GetAttribute("src")));
        Assert.Equal("""{"transform":{"w":"240","h":"240","fit":"cover","f":"webp"},"eager":true}""",
            Assert.Single(Api.BodiesOf(HttpMethod.Put, "/account/variants/dashboard-grid")));
        Assert.Equal("""{"kind":"render-variants","variants":["dashboard-grid"],"albumId":null,"imageIds":null,"all":true,"workflow":null,"imageId":null,"parameters":null,"callbackUrl":null}""",
            Assert.Single(Api.BodiesOf(HttpMethod.Post, "/jobs")));

        // Asked once per session: a second visit to the page neither looks it up nor creates it again.
        var lookups = Api.Requests.Count(r => r.PathAndQuery.StartsWith("/account/variants", StringComparison.Ordinal));
        var again = Render<Images>();
        again.WaitForAssertion(() => Assert.Equal("https://cdn.example.test/pk_test123/01A?variant=dashboard-grid", again.Find(".grid img").GetAttribute("src")));
        Assert.Equal(lookups, Api.Requests.Count(r => r.PathAndQuery.StartsWith("/account/variants", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_the_grid_variant_the_transform_is_spelled_out()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account/variants", 200, """{"items":[]}""");
        Api.Problem(HttpMethod.Put, "/account/variants/dashboard-grid", 409,
            """{"type":"urn:imageservice:problem:variant-limit","title":"Too many variants.","status":409}""");
        Api.On(HttpMethod.Get, "/images?limit=20", 200, $$"""{"items":[{{Image("01A")}}],"next":null}""");

        var page = Render<Images>();

        page.WaitForAssertion(() => Assert.Equal("https://cdn.example.test/pk_test123/01A?w=240&h=240&fit=cover&f=webp", page.Find(".grid img").GetAttribute("src")));
        Assert.Empty(Api.BodiesOf(HttpMethod.Post, "/jobs"));
    }

    [Fact]
    public void Accounts_that_require_signatures_get_signed_thumbnails()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account", 200, Account.Replace("\"requireSignedUrls\":false", "\"requireSignedUrls\":true", StringComparison.Ordinal));
        Api.On(HttpMethod.Get, "/images?limit=20", 200, $$"""{"items":[{{Image("01A")}}],"next":null}""");
        Api.On(HttpMethod.Post, "/account/signed-urls", 200, """{"url":"https://cdn.example.test/pk_test123/01A?w=240&sig=abc","keyId":"key_1","expiresAt":"2026-12-01T11:00:00Z"}""");

        var page = Render<Images>();

        page.WaitForAssertion(() => Assert.Equal("https://cdn.example.test/pk_test123/01A?w=240&sig=abc", page.Find(".grid img").GetAttribute("src")));
        Assert.Equal("""{"image":"01A","transform":{"w":"240","h":"240","fit":"cover","f":"webp"},"expiresInSeconds":3600,"domain":null}""",
            Assert.Single(Api.BodiesOf(HttpMethod.Post, "/account/signed-urls")));
    }

    [Fact]
    public void Paging_passes_the_next_cursor_and_filters()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/images?limit=20&albumId=summer&tag=sea", 200, $$"""{"items":[{{Image("01A")}}],"next":"c2"}""");
        Api.On(HttpMethod.Get, "/images?limit=20&albumId=summer&tag=sea&cursor=c2", 200, $$"""{"items":[{{Image("01B")}}],"next":null}""");
        Api.On(HttpMethod.Get, "/images?limit=20", 200, $$"""{"items":[{{Image("01Z")}}],"next":"c1"}""");
        var page = Render<Images>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".grid img")));

        page.Find("#album-filter").Change("summer");
        page.Find("#tag-filter").Change("sea");
        page.Find("form.filters").Submit();
        page.WaitForAssertion(() => Assert.Contains("/01A?", page.Find(".grid img").GetAttribute("src"), StringComparison.Ordinal));
        page.FindAll(".pager button")[1].Click();

        page.WaitForAssertion(() => Assert.Contains("/01B?", page.Find(".grid img").GetAttribute("src"), StringComparison.Ordinal));
        Assert.True(page.FindAll(".pager button")[1].HasAttribute("disabled"));
        Assert.False(page.FindAll(".pager button")[0].HasAttribute("disabled"));
    }

    [Fact]
    public void No_images_is_an_empty_state()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/images?limit=20", 200, """{"items":[],"next":null}""");

        var page = Render<Images>();

        page.WaitForAssertion(() => Assert.Contains("No images yet", page.Find(".empty").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Delete_asks_first_then_deletes()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/images?limit=20", 200, $$"""{"items":[{{Image("01A", "Beach")}}],"next":null}""");
        Api.On(HttpMethod.Delete, "/images/01A", 204, "");
        var page = Render<Images>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".grid img")));

        page.Find("button[aria-label='Delete Beach']").Click();
        Assert.Empty(Api.BodiesOf(HttpMethod.Delete, "/images/01A"));
        page.Find("button.danger").Click();

        page.WaitForAssertion(() => Assert.Single(Api.BodiesOf(HttpMethod.Delete, "/images/01A")));
    }

    [Fact]
    public void The_editor_marks_each_field_the_api_refused()
    {
        SignIn();
        Api.Problem(HttpMethod.Patch, "/images/01A", 400,
            """{"type":"urn:imageservice:problem:validation","status":400,"errors":{"path":["Path is taken."],"tags":["Each tag is 1-64 characters."]}}""");
        var image = System.Text.Json.JsonSerializer.Deserialize(Image("01A", "Beach"), DashboardJsonContext.Default.ImageResponse)!;
        var editor = Render<ImageEditor>(p => p.Add(e => e.Image, image));

        editor.Find("#edit-path").Change("taken.jpg");
        editor.Find("#edit-tags").Change("sea, sand");
        editor.Find("form").Submit();

        editor.WaitForAssertion(() => Assert.Equal("Path is taken.", editor.Find("#edit-path-error").TextContent));
        Assert.Equal("Each tag is 1-64 characters.", editor.Find("#edit-tags-error").TextContent);
        Assert.Equal("""{"title":"Beach","description":null,"albumId":null,"tags":["sea","sand"],"path":"taken.jpg"}""",
            Assert.Single(Api.BodiesOf(HttpMethod.Patch, "/images/01A")));
    }

    [Fact]
    public void Choosing_files_uploads_each_with_its_own_progress_and_reloads_the_grid()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/images?limit=20", 200, """{"items":[],"next":null}""");
        var page = Render<Images>();
        page.WaitForAssertion(() => Assert.Contains("No images yet", page.Markup, StringComparison.Ordinal));
        Uploads.Choose("upload-input", new StagedFile("beach.jpg", 600), new StagedFile("forest.jpg", 700));
        Api.On(HttpMethod.Get, "/images?limit=20", 200, $$"""{"items":[{{Image("01A", "beach")}}],"next":null}""");

        page.Find("#upload-input").Change("C:\\fakepath\\beach.jpg");

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".grid img")));
        Assert.Equal([0, 1], Uploads.Sends.Select(s => s.Index));
        Assert.All(Uploads.Sends, s => Assert.Equal("https://api.example.test/images", s.Url));
        Assert.Equal(["Upload of beach.jpg", "Upload of forest.jpg"], page.FindAll(".uploads progress").Select(p => p.GetAttribute("aria-label")));
        Assert.All(page.FindAll(".uploads progress"), p => Assert.Equal("100", p.GetAttribute("value")));
        Assert.Equal(["Uploaded", "Uploaded"], page.FindAll(".upload-state").Select(s => s.TextContent));
        Assert.Equal([1], Uploads.Released); // the browser's snapshot of the chosen files is let go
    }
}
