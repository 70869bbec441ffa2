using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageService.Core.Accounts;
using ImageService.Core.Jobs;

namespace ImageService.Api.Jobs;

/// <summary>
/// Posts a finished job to its <c>callbackUrl</c> as the JSON of <c>GET /jobs/{id}</c>, signed like signed URLs with
/// the account's newest active secret key: <c>ImageService-Signature: t={unix seconds},v1={hex}</c> where hex is the
/// lower-case HMAC-SHA256, keyed with the secret, of <c>{t}.{body}</c>; <c>ImageService-Key-Id</c> names the key.
/// A receiver recomputes it with its secret and refuses an old <c>t</c> (replays). Any answer but 2xx throws: the
/// callback message is then retried by the queue with backoff, and dead-lettered after the attempt limit. Redirects
/// are not followed.
/// </summary>
public sealed partial class JobCallbacks(IJobStore jobs, IAccountStore accounts, IHttpClientFactory clients, TimeProvider time,
    ILogger<JobCallbacks> logger)
{
    public const string HttpClientName = "job-callbacks";
    public const string SignatureHeader = "ImageService-Signature";
    public const string KeyIdHeader = "ImageService-Key-Id";

    public async Task SendAsync(string ownerId, string jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false);
        if (job?.CallbackUrl is not { } url)
        {
            return;
        }
        var keys = await accounts.ListActiveKeysAsync(ownerId, cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("The account has no active secret key to sign the callback with.");
        }
        var body = JsonSerializer.Serialize(JobResponse.From(job), JobsJsonContext.Default.JobResponse);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SignatureHeader, $"t={timestamp},v1={Sign(ApiKeys.SigningKey(keys[0]), timestamp, body)}");
        request.Headers.Add(KeyIdHeader, keys[0].Id);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The callback URL answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
        LogSent(logger, jobId, (int)response.StatusCode);
    }

    /// <summary>The v1 signature of a callback (what a receiver computes with <see cref="ApiKeys.SigningKey(string)"/> of its secret).</summary>
    public static string Sign(ReadOnlySpan<byte> signingKey, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback of job {JobId} delivered ({Status})")]
    private static partial void LogSent(ILogger logger, string jobId, int status);
}
