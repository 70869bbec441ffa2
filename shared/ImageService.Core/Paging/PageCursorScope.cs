namespace ImageService.Core.Paging;

/// <summary>What a cursor is bound to: the owner and the exact filter of the listing that issued it.</summary>
public sealed record PageCursorScope(string OwnerId, string? AlbumId, string? Tag);
