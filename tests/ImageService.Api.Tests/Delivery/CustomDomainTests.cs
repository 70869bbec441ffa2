using System.Net;
using System.Net.Http.Json;
using ImageService.Api.Accounts;

namespace ImageService.Api.Tests.Delivery;

/// <summary>Delivery from a customer's own domain: <c>https://img.shop.example/{image}?w=…</c>, on plans with custom domains.</summary>
public sealed class CustomDomainTests(CustomDomainTests.Fixture fixture) : IClassFixture<CustomDomainTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new(new() { ["Delivery:PublicBaseUrl"] = "https://" + CdnHost });

        public void Dispose() => Delivery.Dispose();
    }

    private const string CdnHost = "cdn.imageservice.test";

    private readonly DeliveryTestApp app = fixture.Delivery;

    [Fact]
    public async Task A_business_account_claims_a_domain_and_its_images_are_served_there()
    {
        await app.AccountAsync("cd-serve", plan: "business");
        var image = await app.UploadAsync("cd-serve");
        var domain = Domain();

        using var patched = await PatchDomainsAsync("cd-serve", domain.ToUpperInvariant());
        using var browser = app.Browser();
        using var served = await browser.GetAsync($"https://{domain}/{image}?w=200&f=png");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, $"/{image}?w=100&f=webp") { Headers = { { "X-Forwarded-Host", domain } } };
        using var viaCdn = await browser.SendAsync(forwarded);
        using var foreignImage = await browser.GetAsync($"https://{domain}/{await app.UploadAsync("cd-serve-other")}?w=200");
        using var unknownHost = await browser.GetAsync($"https://nobody-{Guid.NewGuid():N}.shop.example/{image}?w=200");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal([domain], (await patched.Content.ReadFromJsonAsync<AccountResponse>(DeliveryTestApp.Json))!.CustomDomains);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(("png", 200, 125), TestImages.Shape(await served.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.OK, viaCdn.StatusCode);
        Assert.Equal(("webp", 100, 62), TestImages.Shape(await viaCdn.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NotFound, foreignImage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownHost.StatusCode);
    }

    [Fact]
    public async Task An_images_own_path_works_on_the_custom_domain_and_the_bare_host_is_404()
    {
        await app.AccountAsync("cd-path", plan: "business");
        var domain = Domain();
        using (var patched = await PatchDomainsAsync("cd-path", domain))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }
        using var client = app.Client("cd-path");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestImages.Jpeg(800, 500)), "file", "photo.jpg" },
            { new StringContent("catalog/shoes/red.jpg"), "path" },
        };
        using (var upload = await client.PostAsync("/images", form))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }
        using var browser = app.Browser();

        using var byPath = await browser.GetAsync($"https://{domain}/catalog/shoes/red.jpg?w=40&f=png");
        using var root = await browser.GetAsync($"https://{domain}/");

        Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
        Assert.Equal(("png", 40, 25), TestImages.Shape(await byPath.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
    }

    [Fact]
    public async Task A_plan_without_custom_domains_cannot_claim_one_or_keep_serving_from_one()
    {
        await app.AccountAsync("cd-plan", plan: "pro");
        var image = await app.UploadAsync("cd-plan");
        var domain = Domain();

        using var refused = await PatchDomainsAsync("cd-plan", domain);
        await app.ChangeAsync("cd-plan", a => a with { PlanId = "business" });
        using var claimed = await PatchDomainsAsync("cd-plan", domain);
        await app.ChangeAsync("cd-plan", a => a with { PlanId = "pro" });
        using var browser = app.Browser();
        using var afterDowngrade = await browser.GetAsync($"https://{domain}/{image}?w=200");
        using var cleanedUp = await PatchDomainsAsync("cd-plan");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:plan-feature-unavailable", problem.GetProperty("type").GetString());
        Assert.Equal("custom-domains", problem.GetProperty("feature").GetString());
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterDowngrade.StatusCode);
        Assert.Equal("custom-domains", (await afterDowngrade.ReadProblemAsync()).GetProperty("feature").GetString());
        Assert.Equal(HttpStatusCode.OK, cleanedUp.StatusCode);
    }

    [Fact]
    public async Task A_domain_is_one_accounts_and_bad_names_are_400_changing_nothing()
    {
        await app.AccountAsync("cd-first", plan: "business");
        var before = await app.AccountAsync("cd-second", plan: "business");
        var domain = Domain();

        using var first = await PatchDomainsAsync("cd-first", domain);
        using var second = await PatchDomainsAsync("cd-second", domain);
        using var wildcard = await PatchDomainsAsync("cd-second", "*.shop.example");
        using var ownHost = await PatchDomainsAsync("cd-second", "img.second.example", CdnHost);
        var after = await app.AccountAsync("cd-second");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(domain, (await second.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wildcard.StatusCode);
        Assert.True((await wildcard.ReadProblemAsync()).GetProperty("errors").TryGetProperty("customDomains[0]", out _));
        Assert.Equal(HttpStatusCode.BadRequest, ownHost.StatusCode);
        Assert.Empty(after.CustomDomains);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task A_signed_url_for_a_custom_domain_verifies_there_and_tampering_is_403()
    {
        await app.AccountAsync("cd-signed", plan: "business");
        await app.CreateKeyAsync("cd-signed");
        var image = await app.UploadAsync("cd-signed");
        var domain = Domain();
        using (var claimed = await PatchDomainsAsync("cd-signed", domain))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }
        using var client = app.Client("cd-signed");

        using var signing = await client.PostAsync("/account/signed-urls", SigningBody(image, domain));
        var url = (await signing.Content.ReadFromJsonAsync<SignedUrlResponse>(DeliveryTestApp.Json))!.Url;
        using var notOurs = await client.PostAsync("/account/signed-urls", SigningBody(image, Domain()));
        using var browser = app.Browser();
        using var valid = await browser.GetAsync(url);
        using var tampered = await browser.GetAsync(url.Replace("w=120", "w=121", StringComparison.Ordinal));

        Assert.StartsWith($"https://{domain}/{image}?", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notOurs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    private async Task<HttpResponseMessage> PatchDomainsAsync(string user, params string[] domains)
    {
        using var client = app.Client(user);
        var list = string.Join(", ", domains.Select(d => $"\"{d}\""));
        using var body = new StringContent($$"""{"customDomains": [{{list}}]}""", System.Text.Encoding.UTF8, "application/json");
        return await client.PatchAsync("/account", body);
    }

    private static StringContent SigningBody(string image, string domain) =>
        new($$"""{"image": "{{image}}", "transform": {"w": 120}, "domain": "{{domain}}"}""", System.Text.Encoding.UTF8, "application/json");

    private static string Domain() => $"img-{Guid.NewGuid():N}.shop.example";
}
