using ImageService.Core.CdnLogs;

namespace ImageService.Lambda.Tests;

/// <summary>The log bucket as a folder (<c>{root}/{bucket}/{key}</c>), standing in for S3 (which the AWS backend reads
/// with <c>S3CdnLogObjects</c>, tested against s3rver); <see cref="Fail"/> makes every read throw.</summary>
internal sealed class DirectoryCdnLogObjects(string root) : ICdnLogObjects
{
    public bool Fail { get; set; }

    public Task<Stream?> OpenAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new IOException("the log bucket did not answer");
        }
        var path = Path.Combine(root, bucket, key);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public void Put(string bucket, string key, byte[] content)
    {
        var path = Path.Combine(root, bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }
}
