namespace ImageService.Core.Storage;

/// <summary>An object read from storage. Dispose to release the content stream.</summary>
public sealed class StoredBlob(Stream content, long length, string contentType, DateTimeOffset lastModified) : IAsyncDisposable, IDisposable
{
    public Stream Content { get; } = content;
    public long Length { get; } = length;
    public string ContentType { get; } = contentType;
    public DateTimeOffset LastModified { get; } = lastModified;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}
