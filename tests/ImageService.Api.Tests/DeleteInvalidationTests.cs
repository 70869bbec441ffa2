using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ImageService.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImageService.Api.Tests;

public sealed class DeleteInvalidationTests
{
    private sealed class RecordingInvalidator : ICdnInvalidator
    {
        public ConcurrentQueue<string> Paths { get; } = new();

        public Task InvalidateAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
        {
            foreach (var path in paths)
            {
                Paths.Enqueue(path);
            }
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Deleting_an_image_invalidates_every_cached_delivery_path_of_it()
    {
        var cdn = new RecordingInvalidator();
        using var app = new ImageServiceApp { ConfigureServicesForTest = s => s.Replace(ServiceDescriptor.Singleton<ICdnInvalidator>(cdn)) };
        using var client = app.CreateClient(user: "dora");
        using var accountResponse = await client.GetAsync("/account");
        using var account = JsonDocument.Parse(await accountResponse.Content.ReadAsStringAsync());
        var publicKey = account.RootElement.GetProperty("publicKey").GetString();
        var image = await client.UploadOkAsync(TestImages.Jpeg(64, 48));

        using var deleted = await client.DeleteAsync($"/images/{image.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal([$"/{publicKey}/{image.Id}*"], cdn.Paths.ToArray());
    }

    [Fact]
    public async Task Deleting_an_image_with_a_path_on_an_account_with_a_custom_domain_purges_every_url_form()
    {
        var cdn = new RecordingInvalidator();
        using var app = new ImageServiceApp(new() { ["Plans:DefaultPlanId"] = "business" })
        {
            ConfigureServicesForTest = s => s.Replace(ServiceDescriptor.Singleton<ICdnInvalidator>(cdn)),
        };
        using var client = app.CreateClient(user: "erin");
        using var patched = await client.PatchJsonAsync("/account", """{"customDomains": ["img.erin.example"]}""");
        using var account = JsonDocument.Parse(await patched.Content.ReadAsStringAsync());
        var publicKey = account.RootElement.GetProperty("publicKey").GetString();
        var image = await client.UploadOkAsync(TestImages.Jpeg(64, 48));
        using var named = await client.PatchJsonAsync($"/images/{image.Id}", """{"path": "shop/hat.jpg"}""");

        using var deleted = await client.DeleteAsync($"/images/{image.Id}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent), (patched.StatusCode, named.StatusCode, deleted.StatusCode));
        Assert.Equal(
            [$"/{publicKey}/{image.Id}*", $"/{image.Id}*", $"/{publicKey}/shop/hat.jpg*", "/shop/hat.jpg*"],
            cdn.Paths.ToArray());
    }

    [Fact]
    public async Task Moving_a_path_purges_the_old_one_and_setting_the_first_one_purges_nothing()
    {
        var cdn = new RecordingInvalidator();
        using var app = new ImageServiceApp { ConfigureServicesForTest = s => s.Replace(ServiceDescriptor.Singleton<ICdnInvalidator>(cdn)) };
        using var client = app.CreateClient(user: "fred");
        using var accountResponse = await client.GetAsync("/account");
        using var account = JsonDocument.Parse(await accountResponse.Content.ReadAsStringAsync());
        var publicKey = account.RootElement.GetProperty("publicKey").GetString();
        var image = await client.UploadOkAsync(TestImages.Jpeg(64, 48));

        using var first = await client.PatchJsonAsync($"/images/{image.Id}", """{"path": "old.jpg"}""");
        var afterFirst = cdn.Paths.ToArray();
        using var moved = await client.PatchJsonAsync($"/images/{image.Id}", """{"path": "new.jpg"}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, moved.StatusCode));
        Assert.Empty(afterFirst);
        Assert.Equal([$"/{publicKey}/old.jpg*"], cdn.Paths.ToArray());
    }

    private sealed class FailingInvalidator : ICdnInvalidator
    {
        public Task InvalidateAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default) =>
            Task.FromException(new StorageUnavailableException("CloudFront is down."));
    }

    [Fact]
    public async Task A_purge_that_fails_during_a_delete_is_recorded_and_the_restarted_service_completes_it()
    {
        var data = Directory.CreateTempSubdirectory("imageservice-purge-restart-").FullName;
        try
        {
            string expected;
            IReadOnlyList<PendingPurge> pendingBeforeRestart;
            using (var before = new ImageServiceApp(new() { ["Storage:DataDirectory"] = data })
            {
                ConfigureServicesForTest = s => s.Replace(ServiceDescriptor.Singleton<ICdnInvalidator>(new FailingInvalidator())),
            })
            {
                using var client = before.CreateClient(user: "gina");
                using var accountResponse = await client.GetAsync("/account");
                using var account = JsonDocument.Parse(await accountResponse.Content.ReadAsStringAsync());
                var image = await client.UploadOkAsync(TestImages.Jpeg(64, 48));
                expected = $"/{account.RootElement.GetProperty("publicKey").GetString()}/{image.Id}*";

                using var deleted = await client.DeleteAsync($"/images/{image.Id}");

                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
                pendingBeforeRestart = await before.Services.GetRequiredService<IPendingPurgeStore>().ListAsync();
            }

            var cdn = new RecordingInvalidator();
            using var after = new ImageServiceApp(new() { ["Storage:DataDirectory"] = data })
            {
                ConfigureServicesForTest = s => s.Replace(ServiceDescriptor.Singleton<ICdnInvalidator>(cdn)),
            };
            using var started = after.CreateClient(); // starts the host, whose purge worker resumes what is pending
            var purges = after.Services.GetRequiredService<Api.Images.CdnPurges>();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (cdn.Paths.IsEmpty && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
            await purges.WhenIdleAsync();

            Assert.Equal([expected], Assert.Single(pendingBeforeRestart).Paths);
            Assert.Equal([expected], cdn.Paths.ToArray());
            Assert.Empty(await after.Services.GetRequiredService<IPendingPurgeStore>().ListAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Deleting_another_owners_image_is_404_and_invalidates_nothing()
    {
        var cdn = new RecordingInvalidator();
        using var app = new ImageServiceApp { ConfigureServicesForTest = s => s.Replace(ServiceDescriptor.Singleton<ICdnInvalidator>(cdn)) };
        using var owner = app.CreateClient(user: "olga");
        using var stranger = app.CreateClient(user: "sam");
        var image = await owner.UploadOkAsync(TestImages.Jpeg(64, 48));

        using var deleted = await stranger.DeleteAsync($"/images/{image.Id}");

        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Empty(cdn.Paths);
    }
}
