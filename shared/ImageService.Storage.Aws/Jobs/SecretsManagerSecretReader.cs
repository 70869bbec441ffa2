using System.Text;
using System.Text.Json;
using Amazon.Runtime.Credentials;
using ImageService.Core.Workflows;
using Microsoft.Extensions.Configuration;

namespace ImageService.Storage.Aws.Jobs;

/// <summary>
/// Secrets Manager GetSecretValue over its JSON API (AWSSDK.SecretsManager is not on this registry), signed with SigV4
/// like the CloudFront calls. The region is the ARN's; the endpoint may be overridden with
/// <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c> (emulators). Returns the secret's <c>SecretString</c>.
/// </summary>
public sealed class SecretsManagerSecretReader(IHttpClientFactory clients, AwsStorageOptions options, IConfiguration configuration, TimeProvider time)
    : ISecretReader
{
    private const string Service = "secretsmanager";

    public async Task<string> ReadAsync(string secretId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        var parts = secretId.Split(':');
        var region = parts.Length > 3 && parts[0] == "arn" ? parts[3] : options.Region ?? configuration["AWS_REGION"] ?? "us-east-1";
        var endpoint = configuration["AWS_ENDPOINT_URL_SECRETS_MANAGER"] is { Length: > 0 } custom
            ? new Uri(custom)
            : new Uri($"https://secretsmanager.{region}.amazonaws.com/");
        var body = Encoding.UTF8.GetBytes("{\"SecretId\":" + JsonSerializer.Serialize(secretId, SecretsJsonContext.Default.String) + "}");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "secretsmanager.GetSecretValue");
        var identity = await DefaultAWSCredentialsIdentityResolver.GetCredentials().GetCredentialsAsync().ConfigureAwait(false);
        SigV4RequestSigner.Sign(request, body, identity, region, Service, time.GetUtcNow().UtcDateTime);
        using var response = await clients.CreateClient(nameof(SecretsManagerSecretReader)).SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Secrets Manager answered {(int)response.StatusCode} for {secretId}.", null, response.StatusCode);
        }
        using var document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("SecretString", out var secret) && secret.GetString() is { } value
            ? value
            : throw new InvalidOperationException($"The secret {secretId} has no SecretString.");
    }
}
