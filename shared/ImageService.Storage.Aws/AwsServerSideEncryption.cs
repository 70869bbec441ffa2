namespace ImageService.Storage.Aws;

/// <summary>Server-side encryption requested on every S3 write and presigned upload.</summary>
public enum AwsServerSideEncryption
{
    /// <summary>Nothing requested (the bucket's default encryption still applies).</summary>
    None,
    /// <summary>SSE-S3 (AES256).</summary>
    Aes256,
    /// <summary>SSE-KMS with <see cref="AwsStorageOptions.KmsKeyId"/>, or the account's aws/s3 key when unset.</summary>
    Kms,
}
