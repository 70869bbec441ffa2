using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Images;

namespace ImageService.Storage.Aws;

/// <summary>Explicit <see cref="AttributeValue"/> mapping of <see cref="ImageRecord"/>: no reflection, trimming-safe.</summary>
internal static class ImageItemMapper
{
    public static Dictionary<string, AttributeValue> ToItem(ImageRecord record)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [ImageTable.Id] = S(record.Id),
            [ImageTable.OwnerId] = S(record.OwnerId),
            [ImageTable.Tags] = new AttributeValue { L = record.Tags.Select(S).ToList() },
            [ImageTable.Format] = S(record.Format),
            [ImageTable.Width] = N(record.Width),
            [ImageTable.Height] = N(record.Height),
            [ImageTable.Bytes] = N(record.Bytes),
            [ImageTable.Sha256] = S(record.Sha256),
            [ImageTable.Status] = S(record.Status.ToString()),
            [ImageTable.CreatedAt] = S(record.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
            [ImageTable.UpdatedAt] = S(record.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)),
            [ImageTable.Version] = N(record.Version),
            [ImageTable.CreatedKey] = S(ImageTable.CreatedKeyOf(record.CreatedAt, record.Id)),
        };
        AddIfPresent(item, ImageTable.AlbumId, record.AlbumId);
        AddIfPresent(item, ImageTable.Title, record.Title);
        AddIfPresent(item, ImageTable.Description, record.Description);
        AddIfPresent(item, ImageTable.Path, record.Path);
        if (record.Status == ImageStatus.Ready)
        {
            // Sparse index keys: only Ready images are listed.
            item[ImageTable.ListOwner] = S(record.OwnerId);
            if (record.AlbumId is not null)
            {
                item[ImageTable.AlbumKey] = S(ImageTable.AlbumKeyOf(record.OwnerId, record.AlbumId));
            }
        }

        return item;
    }

    public static ImageRecord FromItem(IReadOnlyDictionary<string, AttributeValue> item) => new()
    {
        Id = Str(item, ImageTable.Id),
        OwnerId = Str(item, ImageTable.OwnerId),
        AlbumId = OptionalStr(item, ImageTable.AlbumId),
        Title = OptionalStr(item, ImageTable.Title),
        Description = OptionalStr(item, ImageTable.Description),
        Path = OptionalStr(item, ImageTable.Path),
        Tags = item.TryGetValue(ImageTable.Tags, out var tags) && tags.L is { } list ? list.Select(v => v.S).ToArray() : [],
        Format = Str(item, ImageTable.Format),
        Width = int.Parse(Num(item, ImageTable.Width), CultureInfo.InvariantCulture),
        Height = int.Parse(Num(item, ImageTable.Height), CultureInfo.InvariantCulture),
        Bytes = long.Parse(Num(item, ImageTable.Bytes), CultureInfo.InvariantCulture),
        Sha256 = Str(item, ImageTable.Sha256),
        Status = Enum.Parse<ImageStatus>(Str(item, ImageTable.Status)),
        CreatedAt = DateTimeOffset.Parse(Str(item, ImageTable.CreatedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        UpdatedAt = DateTimeOffset.Parse(Str(item, ImageTable.UpdatedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Version = long.Parse(Num(item, ImageTable.Version), CultureInfo.InvariantCulture),
    };

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static void AddIfPresent(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    public static string Str(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } s ? s : throw Corrupt(name);

    public static string? OptionalStr(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static string Num(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? n : throw Corrupt(name);

    private static InvalidDataException Corrupt(string name) => new($"Image item lacks attribute {name}.");
}
