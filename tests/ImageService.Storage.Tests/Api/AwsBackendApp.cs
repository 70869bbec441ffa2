using System.Globalization;
using Amazon.Runtime;
using ImageService.Api.Testing;
using ImageService.Storage.Tests.Aws;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Tests.Api;

/// <summary>The application under test, <see cref="ImageServiceApp"/>, with <c>Storage:Backend=Aws</c> on a backend's
/// endpoints.</summary>
internal static class AwsBackendApp
{
    public static ImageServiceApp CreateApp(this AwsBackend backend, Dictionary<string, string?>? overrides = null)
    {
        var options = backend.Options;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:Backend"] = "Aws",
            ["Storage:Aws:TableName"] = options.TableName,
            ["Storage:Aws:BucketName"] = options.BucketName,
            ["Storage:Aws:Accounts:TableName"] = backend.AccountsTableName,
            ["Storage:Aws:MaxErrorRetry"] = options.MaxErrorRetry.ToString(CultureInfo.InvariantCulture),
            ["Storage:Aws:Timeout"] = options.Timeout.ToString("c", CultureInfo.InvariantCulture),
            ["Storage:Aws:ConnectTimeout"] = options.ConnectTimeout.ToString("c", CultureInfo.InvariantCulture),
        };
        // Unset with an external endpoint (AWS_ENDPOINT_URL): the SDK reads it from the environment.
        if (options.S3ServiceUrl is { } s3)
        {
            settings["Storage:Aws:S3ServiceUrl"] = s3.ToString();
        }
        if (options.DynamoDbServiceUrl is { } dynamoDb)
        {
            settings["Storage:Aws:DynamoDbServiceUrl"] = dynamoDb.ToString();
        }
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return new ImageServiceApp(settings)
        {
            // The emulators' keys instead of the default chain (the machine may have none).
            ConfigureServicesForTest = backend.Credentials is { } credentials
                ? services => services.AddSingleton<AWSCredentials>(credentials)
                : null,
        };
    }
}
