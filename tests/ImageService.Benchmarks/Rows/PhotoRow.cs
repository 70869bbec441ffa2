using ImageService.Core.Imaging;

namespace ImageService.Benchmarks.Rows;

/// <summary>
/// One operation measured on both sides: the engine renders <see cref="Spec"/>; sharp gets the equivalent call
/// built by <see cref="ToSharp"/> from the same spec, so the two can never drift apart.
/// </summary>
/// <param name="Id">Short name for --rows filters and the rss sub-command.</param>
/// <param name="FileNames">Photos in the photo directory; operations cycle through them.</param>
/// <param name="MeasuresRss">Whether peak memory is measured for this row (the large inputs).</param>
internal sealed record PhotoRow(string Id, string Title, IReadOnlyList<string> FileNames, TransformSpec Spec, bool MeasuresRss)
{
    // DESIGN.md section 4 defaults, and sharp's own: jpeg 80, webp 80.
    private const int DefaultQuality = 80;

    public IReadOnlyList<string> Files(string photoDirectory) =>
        [.. FileNames.Select(name => Path.GetFullPath(Path.Combine(photoDirectory, name)))];

    /// <summary>The same work as sharp options. Our engine flattens alpha onto white when the output format has no
    /// alpha (TransformSpec.Background), so sharp is asked to do the same instead of its black default.</summary>
    public SharpRow ToSharp(string photoDirectory) => new(
        Files(photoDirectory),
        Spec.Width,
        Spec.Height,
        Spec.Fit.ToString().ToLowerInvariant(),
        Spec.Format.ToString().ToLowerInvariant(),
        Spec.Quality ?? DefaultQuality,
        Spec.Format == OutputFormat.Jpeg ? "#" + (Spec.Background ?? "ffffff") : null);
}
