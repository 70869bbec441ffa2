using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ImageService.Api.Accounts;
using ImageService.Api.Usage;
using ImageService.Core.Accounts;
using ImageService.Core.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImageService.Api.Tests.Delivery;

/// <summary>The application under test for issue 6: the real API (embedded backend) on a frozen clock, with a tiny plan
/// for limits (<see cref="TinyRate"/> requests per second, <see cref="TinyTransformations"/> renders a month), and
/// intent-named steps: make an account, a key, an image, a signed URL, read usage.</summary>
public sealed class DeliveryTestApp : IDisposable
{
    public const int TinyRate = 7;
    public const int TinyTransformations = 2;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = AccountJsonContext.Default };

    public DeliveryTestApp(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Plans:tiny:DisplayName"] = "Tiny",
            ["Plans:tiny:MaxOutputDimension"] = "1000",
            ["Plans:tiny:RequestsPerSecond"] = TinyRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Plans:tiny:MonthlyTransformations"] = TinyTransformations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Plans:tiny:MonthlyBandwidthBytes"] = "1000000000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        App = new ImageServiceApp(all)
        {
            ConfigureServicesForTest = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)),
        };
    }

    public FrozenTime Time { get; } = new();

    public ImageServiceApp App { get; }

    public IAccountStore Accounts => App.Services.GetRequiredService<IAccountStore>();

    public HttpClient Client(string user) => App.CreateClient(user);

    /// <summary>An anonymous client, as a browser loading an &lt;img&gt; is.</summary>
    public HttpClient Browser() => App.CreateClient();

    public async Task<AccountResponse> AccountAsync(string user, string? plan = null)
    {
        using var client = Client(user);
        var account = await client.GetFromJsonAsync<AccountResponse>("/account", Json);
        if (plan is not null)
        {
            await ChangeAsync(user, a => a with { PlanId = plan });
            account = await client.GetFromJsonAsync<AccountResponse>("/account", Json);
        }
        return account!;
    }

    /// <summary>Changes the account through the store, as an operator (or billing) would: plan, suspension.</summary>
    public async Task ChangeAsync(string user, Func<Account, Account> change)
    {
        var account = (await Accounts.GetAsync(user))!;
        await Accounts.UpdateAsync(change(account) with { Version = account.Version + 1 }, account.Version);
    }

    public async Task<CreatedKeyResponse> CreateKeyAsync(string user, string? name = null)
    {
        using var client = Client(user);
        using var response = await client.PostAsJsonAsync("/account/keys", new CreateKeyRequest(name), Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedKeyResponse>(Json))!;
    }

    public async Task<string> UploadAsync(string user, byte[]? image = null)
    {
        using var client = Client(user);
        return (await client.UploadOkAsync(image ?? TestImages.Jpeg(800, 500))).Id;
    }

    public async Task<HttpResponseMessage> SignUrlAsync(string user, string imageId, string transformJson, long? expiresInSeconds = null)
    {
        using var client = Client(user);
        var expiry = expiresInSeconds is { } seconds ? seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
        var body = $$"""{"image": "{{imageId}}", "transform": {{transformJson}}, "expiresInSeconds": {{expiry}}}""";
        return await client.PostAsync("/account/signed-urls", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
    }

    public async Task<string> SignedUrlAsync(string user, string imageId, string transformJson, long? expiresInSeconds = null)
    {
        using var response = await SignUrlAsync(user, imageId, transformJson, expiresInSeconds);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SignedUrlResponse>(Json))!.Url;
    }

    /// <summary>Signs a delivery path the way a customer's backend does, with the secret it was shown.</summary>
    public static string SignLocally(string path, string query, string secret)
    {
        var parameters = SignedUrls.ParseQuery(query);
        var sig = SignedUrls.ComputeSignature(ApiKeys.SigningKey(secret), path, parameters);
        return $"{path}?{query}{(query.Length == 0 ? "" : "&")}sig={sig}";
    }

    public async Task<UsageResponse> UsageAsync(string user)
    {
        using var client = Client(user);
        return (await client.GetFromJsonAsync<UsageResponse>("/usage/current", Json))!;
    }

    /// <summary>Usage is written after each response is sent, so wait (briefly) until it shows <paramref name="requests"/>.</summary>
    public async Task<UsageResponse> UsageAfterAsync(string user, long requests)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var usage = await UsageAsync(user);
            if (usage.Requests >= requests || DateTime.UtcNow > deadline)
            {
                return usage;
            }
            await Task.Delay(20);
        }
    }

    public void Dispose() => App.Dispose();
}
