namespace ImageService.Api.Hosting;

/// <summary>Which storage backend implements the Core ports (<see cref="StorageBackendOptions"/>).</summary>
public enum StorageBackend
{
    /// <summary>The embedded backend: SQLite + files under <c>Storage:DataDirectory</c> (the default).</summary>
    Local,

    /// <summary>DynamoDB, S3 and CloudFront.</summary>
    Aws,
}
