using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using ImageService.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImageService.Api.Tests.Variants;

/// <summary>The application under test for named variants: the real API (embedded backend) on the business plan (custom
/// domains, AVIF), with the CDN replaced by a recorder of the purges it is asked for.</summary>
public sealed class VariantTestApp : IDisposable
{
    public VariantTestApp() =>
        App = new ImageServiceApp(new() { ["Plans:DefaultPlanId"] = "business" })
        {
            ConfigureServicesForTest = s => s.Replace(ServiceDescriptor.Singleton<ICdnInvalidator>(Cdn)),
        };

    public ImageServiceApp App { get; }

    public RecordingCdn Cdn { get; } = new();

    public HttpClient Client(string user) => App.CreateClient(user);

    public HttpClient Browser() => App.CreateClient();

    public async Task<string> PublicKeyAsync(string user)
    {
        using var client = Client(user);
        using var response = await client.GetAsync("/account");
        return (await response.JsonAsync()).GetProperty("publicKey").GetString()!;
    }

    public async Task<string> UploadAsync(string user, byte[]? image = null)
    {
        using var client = Client(user);
        return (await client.UploadOkAsync(image ?? TestImages.Jpeg(800, 500))).Id;
    }

    public async Task<HttpResponseMessage> PutVariantAsync(string user, string name, string bodyJson)
    {
        using var client = Client(user);
        return await client.PutAsync($"/account/variants/{name}", new StringContent(bodyJson, Encoding.UTF8, "application/json"));
    }

    public async Task PutVariantOkAsync(string user, string name, string bodyJson)
    {
        using var response = await PutVariantAsync(user, name, bodyJson);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The month's usage of <paramref name="user"/> once it shows <paramref name="requests"/> (written after each response).</summary>
    public async Task<JsonElement> UsageAfterAsync(string user, long requests)
    {
        using var client = Client(user);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await client.GetAsync("/usage/current");
            var usage = await response.JsonAsync();
            if (usage.GetProperty("requests").GetInt64() >= requests || DateTime.UtcNow > deadline)
            {
                return usage;
            }
            await Task.Delay(20);
        }
    }

    public IReadOnlyList<string> DerivedObjects(string user, string image) =>
        App.StoredObjects().Where(p => p.StartsWith($"derived/{user}/{image}/", StringComparison.Ordinal)).ToList();

    public void Dispose() => App.Dispose();

    public sealed class RecordingCdn : ICdnInvalidator
    {
        public ConcurrentQueue<IReadOnlyCollection<string>> Batches { get; } = new();

        public Task InvalidateAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
        {
            Batches.Enqueue([.. paths]);
            return Task.CompletedTask;
        }
    }
}
