using ImageService.Core.Imaging;

namespace ImageService.Benchmarks.Rows;

/// <summary>The rows of issue 2, item 6, on the photos from ../shared/scripts/fetch-photos.sh.</summary>
internal static class PhotoRows
{
    // Ten different 2560x1600 photographs (some progressive, some 4:4:4, some with ICC profiles): operations
    // cycle through them so no single file's quirks decide the result.
    private static readonly string[] Medium =
    [
        "Autumn-2560x1600.jpg", "BytheWater-2560x1600.jpg", "ColdRipple-2560x1600.jpg", "ColorfulCups-2560x1600.jpg",
        "EveningGlow-2560x1600.jpg", "FallenLeaf-2560x1600.jpg", "Kite-2560x1600.jpg", "OneStandsOut-2560x1600.jpg",
        "Path-2560x1600.jpg", "summer_1am-2560x1600.jpg",
    ];

    public static IReadOnlyList<PhotoRow> All { get; } =
    [
        new("jpeg-720-jpeg", "2560x1600 JPEG -> 720w JPEG q80", Medium,
            new TransformSpec { Width = 720, Format = OutputFormat.Jpeg, Quality = 80 }, MeasuresRss: false),
        new("jpeg-720-webp", "2560x1600 JPEG -> 720w WebP q80", Medium,
            new TransformSpec { Width = 720, Format = OutputFormat.Webp, Quality = 80 }, MeasuresRss: false),
        new("jpeg-400-cover", "2560x1600 JPEG -> 400x400 cover WebP", Medium,
            new TransformSpec { Width = 400, Height = 400, Fit = FitMode.Cover, Format = OutputFormat.Webp }, MeasuresRss: false),
        new("volna-1024-webp", "5120x2880 JPEG (Volna) -> 1024w WebP", ["Volna-5120x2880.jpg"],
            new TransformSpec { Width = 1024, Format = OutputFormat.Webp }, MeasuresRss: true),
        new("patak-1024-jpeg", "5120x2880 PNG (Patak) -> 1024w JPEG", ["Patak-5120x2880.png"],
            new TransformSpec { Width = 1024, Format = OutputFormat.Jpeg }, MeasuresRss: true),
    ];

    /// <summary>The rows named in <paramref name="ids"/> (all when empty), in table order.</summary>
    public static IReadOnlyList<PhotoRow> Select(IReadOnlyCollection<string> ids)
    {
        var unknown = ids.Where(id => All.All(row => row.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw new Commands.BenchmarkUsageException(
                $"unknown row(s) {string.Join(", ", unknown)}; rows: {string.Join(", ", All.Select(r => r.Id))}");
        }

        return ids.Count == 0 ? All : [.. All.Where(row => ids.Contains(row.Id))];
    }
}
