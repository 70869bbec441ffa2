using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImageService.Api.Jobs;
using ImageService.Storage.Local.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests.Jobs;

/// <summary>The application under test for jobs: the real API and its embedded worker, with short leases and retry
/// delays so failure paths finish in well under a second; callbacks may reach loopback (the tests' receivers).</summary>
public sealed class JobsTestApp : IDisposable
{
    public JobsTestApp(bool worker = true, string? dataDirectory = null, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Plans:DefaultPlanId"] = "business",
            ["Jobs:WorkerEnabled"] = worker ? "true" : "false",
            ["Jobs:VisibilityTimeout"] = "00:00:00.500",
            ["Jobs:RetryBaseDelay"] = "00:00:00.010",
            ["Jobs:RetryMaxDelay"] = "00:00:00.040",
            ["Jobs:MaxAttempts"] = "3",
            ["Jobs:CallbackAllowPrivateNetworks"] = "true",
        };
        if (dataDirectory is not null)
        {
            all["Storage:DataDirectory"] = dataDirectory;
        }
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        App = new ImageServiceApp(all);
        DataDirectory = dataDirectory ?? App.DataDirectory;
    }

    public ImageServiceApp App { get; }

    public string DataDirectory { get; }

    public SqliteJobQueue Queue => App.Services.GetRequiredService<SqliteJobQueue>();

    public JobDispatcher Dispatcher => App.Services.GetRequiredService<JobDispatcher>();

    public HttpClient Client(string user) => App.CreateClient(user);

    public async Task<string> UploadAsync(string user, string? albumId = null, int seed = 0)
    {
        using var client = Client(user);
        return (await client.UploadOkAsync(TestImages.Jpeg(640, 400, seed), albumId: albumId)).Id;
    }

    public async Task PutVariantAsync(string user, string name, string transformJson, bool eager)
    {
        using var client = Client(user);
        using var response = await client.PutAsync($"/account/variants/{name}",
            new StringContent($"{{\"transform\":{transformJson},\"eager\":{(eager ? "true" : "false")}}}", Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> PostJobAsync(string user, string json)
    {
        using var client = Client(user);
        return await client.PostAsync("/jobs", new StringContent(json, Encoding.UTF8, "application/json"));
    }

    public async Task<JsonElement> StartJobAsync(string user, string json)
    {
        using var response = await PostJobAsync(user, json);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public async Task<JsonElement> GetJobAsync(string user, string id)
    {
        using var client = Client(user);
        using var response = await client.GetAsync($"/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>The job once <paramref name="until"/> holds (polled; fails after 20 s).</summary>
    public async Task<JsonElement> WaitForJobAsync(string user, string id, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var job = await GetJobAsync(user, id);
            if (until(job))
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The job never reached the expected state: {job}");
            await Task.Delay(25);
        }
    }

    public Task<JsonElement> WaitForFinishAsync(string user, string id) =>
        WaitForJobAsync(user, id, job => job.GetProperty("finishedAt").ValueKind != JsonValueKind.Null);

    /// <summary>Waits until the queue is empty (every message acknowledged or dead-lettered).</summary>
    public async Task WaitForEmptyQueueAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await Queue.CountAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The queue never drained.");
            await Task.Delay(25);
        }
    }

    public IReadOnlyList<string> DerivedObjects(string user, string image) =>
        StoredObjects().Where(p => p.StartsWith($"derived/{user}/{image}/", StringComparison.Ordinal)).ToList();

    /// <summary>Every stored object's path relative to the blob root, in this app's data directory.</summary>
    public IReadOnlyList<string> StoredObjects()
    {
        var root = Path.Combine(DataDirectory, "blobs", "objects");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order().ToList()
            : [];
    }

    public void Dispose() => App.Dispose();

    public static string Ids(params string[] ids) => "[" + string.Join(",", ids.Select(id => $"\"{id}\"")) + "]";
}
