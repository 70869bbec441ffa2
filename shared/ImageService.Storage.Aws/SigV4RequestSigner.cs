using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace ImageService.Storage.Aws;

/// <summary>
/// Signs a plain <see cref="HttpRequestMessage"/> with Signature Version 4 for AWS APIs that have no SDK package on
/// this registry (CloudFront), through AWSSDK.Core's public standalone signer (<see cref="AWSSigV4Signer"/>): the
/// canonical request, key derivation and HMAC are the SDK's; this class only moves headers to and from the request.
/// </summary>
internal static class SigV4RequestSigner
{
    public static void Sign(HttpRequestMessage request, byte[] body, ImmutableCredentials credentials, string region, string service, DateTime signedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));

        var signing = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = uri,
            Content = body,
        };
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials.UseToken
                ? new SessionAWSCredentials(credentials.AccessKey, credentials.SecretKey, credentials.Token)
                : new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey),
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAtUtc,
        };

        foreach (var (name, value) in AWSSigV4Signer.Sign(signing, parameters).Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
