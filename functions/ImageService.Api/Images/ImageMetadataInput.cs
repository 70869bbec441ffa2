using ImageService.Core.Images;

namespace ImageService.Api.Images;

/// <summary>User-editable metadata, validated the same way for POST /images, POST /images/uploads and PATCH.</summary>
public sealed record ImageMetadataInput(string? Title, string? Description, string? AlbumId, IReadOnlyList<string> Tags, string? Path = null)
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 2000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public const int MaxAlbumId = 64;

    /// <summary>Normalises (trims; empty becomes null; duplicate tags dropped) and validates; per-field messages go into
    /// <paramref name="errors"/> under the JSON property names.</summary>
    public static ImageMetadataInput Normalise(string? title, string? description, string? albumId, IEnumerable<string?>? tags,
        string? path, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        path = Blank(path);
        if (path is not null && ImagePaths.Problem(path) is { } pathProblem)
        {
            errors["path"] = [pathProblem];
        }
        title = Blank(title);
        description = Blank(description);
        albumId = Blank(albumId);
        if (title is { Length: > MaxTitle } || HasControl(title))
        {
            errors["title"] = [$"At most {MaxTitle} characters, no control characters."];
        }
        if (description is { Length: > MaxDescription } || (description is not null && description.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            errors["description"] = [$"At most {MaxDescription} characters."];
        }
        if (albumId is not null && !IsValidAlbumId(albumId))
        {
            errors["albumId"] = [$"1-{MaxAlbumId} characters: letters, digits, '-' and '_'."];
        }
        var normalisedTags = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = Blank(raw);
            if (tag is null || normalisedTags.Contains(tag, StringComparer.Ordinal))
            {
                continue;
            }
            if (!IsValidTag(tag))
            {
                errors["tags"] = [$"Each tag is 1-{MaxTagLength} characters without control characters or commas."];
            }
            normalisedTags.Add(tag);
        }
        if (normalisedTags.Count > MaxTags)
        {
            errors["tags"] = [$"At most {MaxTags} tags."];
        }
        return new ImageMetadataInput(title, description, albumId, normalisedTags, path);
    }

    /// <summary>The record with these user-editable fields (album, title, description, tags, path) set.</summary>
    public ImageRecord ApplyTo(ImageRecord record) => record with
    {
        AlbumId = AlbumId, Title = Title, Description = Description, Tags = Tags, Path = Path,
    };

    public static bool IsValidAlbumId(string value) =>
        value.Length is > 0 and <= MaxAlbumId && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsValidTag(string value) =>
        value.Length is > 0 and <= MaxTagLength && !HasControl(value) && !value.Contains(',', StringComparison.Ordinal);

    /// <summary>Form and query values: tags come comma-separated and/or as repeated fields.</summary>
    public static IEnumerable<string?> SplitTags(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool HasControl(string? value) => value is not null && value.Any(char.IsControl);
}
