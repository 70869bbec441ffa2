namespace ImageService.Core.Storage;

/// <summary>Base of the storage failures the API maps to problem+json; backends translate their own errors into these.</summary>
public abstract class StorageException : Exception
{
    protected StorageException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The item already exists (create with an id in use). API: 409.</summary>
public sealed class ConflictException(string message, Exception? inner = null) : StorageException(message, inner);

/// <summary>A conditional write lost: the stored version differs. API: 412.</summary>
public sealed class PreconditionFailedException(string message, Exception? inner = null) : StorageException(message, inner);

/// <summary>The item to change does not exist. API: 404.</summary>
public sealed class NotFoundException(string message, Exception? inner = null) : StorageException(message, inner);

/// <summary>The backend did not answer (endpoint down, throttled past retries, timeout). API: 503.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : StorageException(message, inner);
