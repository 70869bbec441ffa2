using System.Text.Json.Nodes;
using Amazon.Runtime;
using ImageService.Core.Storage;
using ImageService.Storage.Aws;
using ImageService.Storage.Aws.Jobs;
using ImageService.Storage.Tests.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Tests.Jobs;

/// <summary>The Secrets Manager reader (the workflow provider's API key on AWS) against a loopback fake of
/// <c>secretsmanager.GetSecretValue</c>: what it sends, what it returns, and how each failure reads.</summary>
public sealed class SecretsManagerSecretReaderTests
{
    private const string Arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:provider-key-AbCdEf";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_secret_string_is_read_with_a_signed_json_call_in_the_arns_region()
    {
        await using var fake = await FakeAwsJsonService.StartAsync((target, body) => target == "secretsmanager.GetSecretValue"
            ? (200, new JsonObject { ["ARN"] = body.GetProperty("SecretId").GetString(), ["Name"] = "provider-key", ["SecretString"] = "sk-live-123", ["VersionId"] = "v1" }.ToJsonString())
            : FakeAwsJsonService.Error(400, "UnknownOperationException", target));

        var value = await Reader(fake).ReadAsync(Arn);

        Assert.Equal("sk-live-123", value);
        var call = Assert.Single(fake.Calls);
        Assert.Equal("secretsmanager.GetSecretValue", call.Target);
        Assert.Equal("application/x-amz-json-1.1", call.ContentType);
        Assert.Equal(Arn, JsonNode.Parse(call.Body)!["SecretId"]!.GetValue<string>());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/20261201/eu-west-1/secretsmanager/aws4_request, ", call.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_is_a_clear_error_naming_it()
    {
        await using var fake = await FakeAwsJsonService.StartAsync((_, _) =>
            FakeAwsJsonService.Error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Reader(fake).ReadAsync(Arn));

        Assert.Equal($"The secret {Arn} does not exist (Secrets Manager: Secrets Manager can't find the specified secret.).", error.Message);
    }

    [Fact]
    public async Task A_secret_that_may_not_be_read_or_has_no_string_is_a_configuration_error()
    {
        await using var denied = await FakeAwsJsonService.StartAsync((_, _) =>
            FakeAwsJsonService.Error(400, "com.amazonaws.secretsmanager#AccessDeniedException", "not authorized to perform secretsmanager:GetSecretValue"));
        await using var binary = await FakeAwsJsonService.StartAsync((_, _) =>
            (200, new JsonObject { ["ARN"] = Arn, ["SecretBinary"] = "AAEC" }.ToJsonString()));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Reader(denied).ReadAsync(Arn));
        var noString = await Assert.ThrowsAsync<InvalidOperationException>(() => Reader(binary).ReadAsync(Arn));

        Assert.Equal($"Secrets Manager refused to read the secret {Arn}: 400 AccessDeniedException: not authorized to perform secretsmanager:GetSecretValue", refused.Message);
        Assert.Contains("has no SecretString", noString.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "InternalServiceError")]
    [InlineData(400, "ThrottlingException")]
    public async Task Throttling_and_server_errors_are_unavailability_which_the_caller_may_retry(int status, string type)
    {
        await using var fake = await FakeAwsJsonService.StartAsync((_, _) => FakeAwsJsonService.Error(status, type, "try later"));

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => Reader(fake).ReadAsync(Arn));

        Assert.Contains(type, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_unavailability()
    {
        Uri closed;
        await using (var fake = await FakeAwsJsonService.StartAsync((_, _) => (200, "{}")))
        {
            closed = fake.Url;
        }

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Reader(closed).ReadAsync(Arn));
    }

    private static SecretsManagerSecretReader Reader(FakeAwsJsonService fake) => Reader(fake.Url);

    private static SecretsManagerSecretReader Reader(Uri endpoint)
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = endpoint.ToString() })
            .Build();
        return new SecretsManagerSecretReader(services.GetRequiredService<IHttpClientFactory>(), new AwsStorageOptions(), configuration,
            new Accounts.FixedTimeProvider(Now), new BasicAWSCredentials("AKIDTEST", "secret"));
    }
}
