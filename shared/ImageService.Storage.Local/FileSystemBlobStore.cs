using ImageService.Core.Storage;

namespace ImageService.Storage.Local;

/// <summary>
/// Blobs as files under <c>&lt;DataDirectory&gt;/blobs/objects</c>, with content type and cache control in a sidecar
/// under <c>blobs/meta</c> (a separate tree, so no object key can collide with a sidecar name). Writes go to a temp
/// file on the same filesystem and are renamed into place, so readers see the old object or the new one.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    // Content type and cache control fit in far less; a longer sidecar is read whole.
    private const int SidecarReadSize = 512;

    private readonly string objectsRoot;
    private readonly string metaRoot;
    private readonly string tempRoot;

    public FileSystemBlobStore(LocalStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.Combine(options.FullDataDirectory, "blobs");
        objectsRoot = Path.Combine(root, "objects");
        metaRoot = Path.Combine(root, "meta");
        tempRoot = Path.Combine(root, "tmp");
        Directory.CreateDirectory(objectsRoot);
        Directory.CreateDirectory(metaRoot);
        Directory.CreateDirectory(tempRoot);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, BlobWriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var objectPath = PathOf(objectsRoot, key);
        var metaPath = PathOf(metaRoot, key);
        var sidecar = System.Text.Encoding.UTF8.GetBytes($"{options.ContentType}\n{options.CacheControl}");
        try
        {
            // Sidecar first: a reader that finds the object always finds its content type.
            await WriteAtomicallyAsync(metaPath, sidecar, cancellationToken).ConfigureAwait(false);
            await WriteAtomicallyAsync(objectPath, content, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new StorageUnavailableException($"Could not write blob {key}.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StorageUnavailableException($"Could not write blob {key}.", ex);
        }
    }

    /// <summary>
    /// Completes synchronously: the delivery route reads a derived result per request, and on Linux every asynchronous
    /// file operation is a thread-pool hop (FileStream has no kernel async I/O there), so the sidecar (a few dozen bytes)
    /// is read with one synchronous read, the time comes from the open handle, and the object's stream has no buffer of
    /// its own (callers copy it with theirs).
    /// </summary>
    public Task<StoredBlob?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<StoredBlob?>(cancellationToken);
        }
        try
        {
            return Task.FromResult(Open(key));
        }
        catch (Exception ex)
        {
            return Task.FromException<StoredBlob?>(ex);
        }
    }

    private StoredBlob? Open(string key)
    {
        var objectPath = PathOf(objectsRoot, key);
        FileStream stream;
        try
        {
            stream = new FileStream(objectPath, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return new StoredBlob(stream, stream.Length, ReadContentType(PathOf(metaRoot, key)), File.GetLastWriteTimeUtc(stream.SafeFileHandle));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The sidecar's first line (written by <see cref="PutAsync"/> as content type, newline, cache control);
    /// application/octet-stream without a sidecar.</summary>
    private static string ReadContentType(string metaPath)
    {
        const string unknown = "application/octet-stream";
        Span<byte> buffer = stackalloc byte[SidecarReadSize];
        int length;
        try
        {
            using var handle = File.OpenHandle(metaPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            length = 0;
            int read;
            while (length < buffer.Length && (read = RandomAccess.Read(handle, buffer[length..], length)) > 0)
            {
                length += read;
            }
        }
        catch (FileNotFoundException)
        {
            return unknown;
        }
        catch (DirectoryNotFoundException)
        {
            return unknown;
        }
        var newline = buffer[..length].IndexOf((byte)'\n');
        if (newline < 0 && length == buffer.Length)
        {
            // A content type longer than the buffer: read the whole sidecar.
            var lines = File.ReadAllText(metaPath);
            var end = lines.IndexOf('\n', StringComparison.Ordinal);
            return end < 0 ? lines : lines[..end];
        }
        return System.Text.Encoding.UTF8.GetString(newline < 0 ? buffer[..length] : buffer[..newline]);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(PathOf(objectsRoot, key)));

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var slash = prefix.LastIndexOf('/');
        var directoryKey = slash < 0 ? "" : prefix[..slash];
        var namePrefix = prefix[(slash + 1)..];
        if (directoryKey.Length > 0)
        {
            BlobKeyValidator.ThrowIfInvalid(directoryKey);
        }
        foreach (var root in new[] { objectsRoot, metaRoot })
        {
            var directory = directoryKey.Length == 0 ? root : Path.Combine(root, directoryKey);
            if (!Directory.Exists(directory))
            {
                continue;
            }
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory, namePrefix + "*"))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            // File.Delete ignores absent files but throws when their folder is absent too.
            DeleteIfPresent(PathOf(objectsRoot, key));
            DeleteIfPresent(PathOf(metaRoot, key));
        }
        return Task.CompletedTask;
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Directory.Exists(objectsRoot) && Directory.Exists(tempRoot));

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static string PathOf(string root, string key)
    {
        BlobKeyValidator.ThrowIfInvalid(key);
        var path = Path.GetFullPath(Path.Combine(root, key));
        // Belt and braces after the syntactic check: the resolved path must stay under the root.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The blob key '{key}' escapes the storage directory.", nameof(key));
        }
        return path;
    }

    private async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(tempRoot, Guid.NewGuid().ToString("N"));
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
