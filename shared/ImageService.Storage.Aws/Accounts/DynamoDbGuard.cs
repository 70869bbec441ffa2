namespace ImageService.Storage.Aws.Accounts;

/// <summary>Turns "DynamoDB did not answer" failures into the storage exception the API maps to 503.</summary>
internal static class DynamoDbGuard
{
    public static async Task<T> Run<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            throw AwsFailures.Unavailable("DynamoDB", ex);
        }
    }
}
