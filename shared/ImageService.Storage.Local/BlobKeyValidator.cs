namespace ImageService.Storage.Local;

/// <summary>Keys are '/'-separated segments of at most 255 printable characters without '\'; no empty, '.' or '..'
/// segment and no leading or trailing '/'. That rules out absolute paths, traversal and platform separators before a
/// key ever reaches the filesystem, while leaving room for transform canonical keys (which use '=', ',' and ':').</summary>
internal static class BlobKeyValidator
{
    public const int MaxLength = 1024;

    public static void ThrowIfInvalid(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));
        }
    }

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length is 0 or > 255 || segment == "." || segment == "..")
            {
                return false;
            }
            foreach (var c in segment)
            {
                if (char.IsControl(c) || c == '\\' || char.IsSurrogate(c))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
