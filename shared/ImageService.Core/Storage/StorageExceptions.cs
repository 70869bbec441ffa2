namespace ImageService.Core.Storage;

/// <summary>Base of the storage failures the API maps to problem+json; backends translate their own errors into these.
/// Each says what went wrong, never how to answer it.</summary>
public abstract class StorageException : Exception
{
    protected StorageException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The item already exists (create with an id in use).</summary>
public sealed class ConflictException(string message, Exception? inner = null) : StorageException(message, inner);

/// <summary>A conditional write lost: the stored version differs.</summary>
public sealed class PreconditionFailedException(string message, Exception? inner = null) : StorageException(message, inner);

/// <summary>The item to change or read does not exist; <see cref="Item"/> says which kind it was.</summary>
public sealed class NotFoundException(StoredItem item, string message, Exception? inner = null) : StorageException(message, inner)
{
    public StoredItem Item { get; } = item;
}

/// <summary>The backend did not answer (endpoint down, throttled past retries, timeout).</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : StorageException(message, inner);
