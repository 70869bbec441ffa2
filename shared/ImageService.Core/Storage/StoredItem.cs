namespace ImageService.Core.Storage;

/// <summary>What a <see cref="NotFoundException"/> did not find, so the answer can name it.</summary>
public enum StoredItem
{
    Image,
    Account,
    Key,
    /// <summary>A stored object of an image (its original or a rendition) whose record exists.</summary>
    ImageFile,
}
