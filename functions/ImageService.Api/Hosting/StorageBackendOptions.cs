namespace ImageService.Api.Hosting;

/// <summary>The one setting that chooses the backend: <c>Storage:Backend</c> = <c>Local</c> (default) | <c>Aws</c>,
/// case-insensitive. Read once at start (<see cref="StorageBackends.AddStorage"/>, the <c>provision</c> command); an
/// unknown value stops the process naming the key.</summary>
public sealed record StorageBackendOptions
{
    public const string Key = "Storage:Backend";

    public StorageBackend Backend { get; init; } = StorageBackend.Local;

    public static StorageBackendOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new StorageBackendOptions();
        }
        // Names only: Enum.TryParse would also take "1" or "7".
        foreach (var backend in Enum.GetValues<StorageBackend>())
        {
            if (string.Equals(value.Trim(), backend.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return new StorageBackendOptions { Backend = backend };
            }
        }
        throw new InvalidOperationException(
            $"{Key} '{value}' is not supported; use {string.Join(" or ", Enum.GetNames<StorageBackend>())}.");
    }
}
