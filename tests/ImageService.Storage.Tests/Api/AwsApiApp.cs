using System.Globalization;
using System.Net.Http.Headers;
using Amazon.Runtime;
using ImageService.Api.Auth;
using ImageService.Api.Hosting;
using ImageService.Storage.Tests.Aws;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Tests.Api;

/// <summary>The application under test: the real API on the AWS backend (<c>StorageBackend.Aws</c>) on the given endpoints.</summary>
public sealed class AwsApiApp(AwsBackend backend, IReadOnlyDictionary<string, string?>? overrides = null) : WebApplicationFactory<Program>
{
    private static readonly AuthOptions Auth = new()
    {
        Issuer = "imageservice-tests",
        Audience = "imageservice-api",
        SigningKey = "aws-api-tests-signing-key-0123456789-abcdef",
    };

    /// <summary>A client that sends a real bearer token for <paramref name="user"/>.</summary>
    public HttpClient CreateClient(string user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(Auth, user));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var options = backend.Options;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [StorageBackendOptions.Key] = nameof(StorageBackend.Aws),
            ["Storage:Aws:TableName"] = options.TableName,
            ["Storage:Aws:BucketName"] = options.BucketName,
            ["Storage:Aws:Accounts:TableName"] = backend.AccountsTableName,
            ["Storage:Aws:S3ServiceUrl"] = options.S3ServiceUrl?.ToString(),
            ["Storage:Aws:DynamoDbServiceUrl"] = options.DynamoDbServiceUrl?.ToString(),
            ["Storage:Aws:MaxErrorRetry"] = options.MaxErrorRetry.ToString(CultureInfo.InvariantCulture),
            ["Storage:Aws:Timeout"] = options.Timeout.ToString("c", CultureInfo.InvariantCulture),
            ["Storage:Aws:ConnectTimeout"] = options.ConnectTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Auth:Issuer"] = Auth.Issuer,
            ["Auth:Audience"] = Auth.Audience,
            ["Auth:SigningKey"] = Auth.SigningKey,
            ["Paging:CursorKey"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray()),
            ["Uploads:PerUserPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        if (backend.Credentials is { } credentials)
        {
            // The emulators' keys instead of the default chain (the machine may have none).
            builder.ConfigureTestServices(services => services.AddSingleton<AWSCredentials>(credentials));
        }
    }
}
