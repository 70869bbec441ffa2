namespace ImageService.Core.Workflows;

/// <summary>Reads a secret's string by its id (Secrets Manager on the AWS backend).</summary>
public interface ISecretReader
{
    Task<string> ReadAsync(string secretId, CancellationToken cancellationToken = default);
}
