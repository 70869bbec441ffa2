using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using ImageService.Core.Storage;
using ImageService.Core.Workflows;
using Microsoft.Extensions.Configuration;

namespace ImageService.Storage.Aws.Jobs;

/// <summary>
/// Secrets Manager GetSecretValue over its JSON API (AWSSDK.SecretsManager is not on this registry), signed with SigV4
/// like the CloudFront calls. The region is the ARN's; the endpoint may be overridden with
/// <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c> (emulators). Returns the secret's <c>SecretString</c>. A secret that does
/// not exist, may not be read or has no string throws <see cref="InvalidOperationException"/> naming it (a
/// configuration error: retrying cannot help); throttling, 5xx and transport failures throw
/// <see cref="StorageUnavailableException"/> (the caller may retry). Caching is the caller's (see WorkflowApiKey).
/// </summary>
public sealed class SecretsManagerSecretReader(IHttpClientFactory clients, AwsStorageOptions options, IConfiguration configuration, TimeProvider time,
    AWSCredentials? credentials = null) : ISecretReader
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
        var identity = await (credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials()).GetCredentialsAsync().ConfigureAwait(false);
        SigV4RequestSigner.Sign(request, body, identity, region, Service, time.GetUtcNow().UtcDateTime);
        string text;
        HttpStatusCode status;
        try
        {
            using var response = await clients.CreateClient(nameof(SecretsManagerSecretReader)).SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            throw AwsFailures.Unavailable("Secrets Manager", ex);
        }
        if ((int)status is < 200 or > 299)
        {
            var (type, message) = ErrorOf(text);
            if ((int)status >= 500 || status == HttpStatusCode.TooManyRequests || type is "ThrottlingException" or "InternalServiceError")
            {
                throw new StorageUnavailableException($"Secrets Manager did not answer for {secretId}: {(int)status} {type}.");
            }
            throw new InvalidOperationException(type == "ResourceNotFoundException"
                ? $"The secret {secretId} does not exist (Secrets Manager: {message})."
                : $"Secrets Manager refused to read the secret {secretId}: {(int)status} {type}: {message}");
        }
        using var document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("SecretString", out var secret) && secret.GetString() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The secret {secretId} has no SecretString (a binary secret cannot be an API key).");
    }

    /// <summary>The JSON protocol's error: <c>__type</c> (possibly prefixed with a namespace and <c>#</c>) and <c>message</c>.</summary>
    private static (string Type, string Message) ErrorOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var type = root.TryGetProperty("__type", out var t) ? t.GetString() ?? "" : "";
            var message = root.TryGetProperty("message", out var m) || root.TryGetProperty("Message", out m) ? m.GetString() ?? "" : "";
            return (type[(type.LastIndexOf('#') + 1)..], message);
        }
        catch (JsonException)
        {
            return ("", text.Length > 200 ? text[..200] : text);
        }
    }
}
