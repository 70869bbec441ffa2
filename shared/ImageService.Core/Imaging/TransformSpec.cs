namespace ImageService.Core.Imaging;

/// <summary>
/// A validated, normalised set of transform parameters (DESIGN.md section 4). Parsing, validation and the
/// canonical key live in TransformSpec.Parsing.cs; output format negotiation for f=auto in OutputFormats.
/// The default instance (no parameters) re-encodes the source at its own size and format.
/// </summary>
public sealed partial record TransformSpec
{
    /// <summary>Requested width in CSS pixels (1..8192), before <see cref="Dpr"/>.</summary>
    public int? Width { get; init; }
    /// <summary>Requested height in CSS pixels (1..8192), before <see cref="Dpr"/>.</summary>
    public int? Height { get; init; }
    /// <summary>Device pixel ratio 1..4; output dimensions are Width/Height times this.</summary>
    public double Dpr { get; init; } = 1;
    public FitMode Fit { get; init; } = FitMode.Cover;
    /// <summary>Crop anchor for <see cref="FitMode.Cover"/>.</summary>
    public Gravity Gravity { get; init; } = Gravity.Centre;
    /// <summary>Focus point (0..1 each) when <see cref="Gravity"/> is <see cref="Gravity.FocusPoint"/>.</summary>
    public double FocusX { get; init; } = 0.5;
    public double FocusY { get; init; } = 0.5;
    /// <summary>Background for <see cref="FitMode.Contain"/> letterboxing and alpha flattening, as RRGGBB or RRGGBBAA hex; null = transparent (or white for formats without alpha).</summary>
    public string? Background { get; init; }
    /// <summary>1..100; null = the format's default (jpeg 80, webp 80, avif 60).</summary>
    public int? Quality { get; init; }
    public OutputFormat Format { get; init; } = OutputFormat.Original;
    /// <summary>Gaussian blur sigma 0.3..1000; null = none.</summary>
    public double? Blur { get; init; }
    /// <summary>Extra rotation after EXIF orientation: 0, 90, 180 or 270.</summary>
    public int Rotate { get; init; }
    /// <summary>Mirror top to bottom.</summary>
    public bool Flip { get; init; }
    /// <summary>Mirror left to right.</summary>
    public bool Flop { get; init; }
}

public enum FitMode
{
    /// <summary>Fill the box, cropping the overflow (anchored by gravity).</summary>
    Cover,
    /// <summary>Fit inside the box and pad to exactly the box with the background.</summary>
    Contain,
    /// <summary>Stretch to exactly the box, ignoring aspect ratio.</summary>
    Fill,
    /// <summary>Fit inside the box, keeping aspect ratio; the result may be smaller than the box on one side.</summary>
    Inside,
    /// <summary>Cover the box, keeping aspect ratio, without cropping; the result may be larger on one side.</summary>
    Outside,
}

public enum Gravity
{
    Centre,
    North,
    NorthEast,
    East,
    SouthEast,
    South,
    SouthWest,
    West,
    NorthWest,
    /// <summary>libvips attention-based crop.</summary>
    Smart,
    /// <summary>Crop around <see cref="TransformSpec.FocusX"/>, <see cref="TransformSpec.FocusY"/> (fp:x:y).</summary>
    FocusPoint,
}

public enum OutputFormat
{
    /// <summary>Same format as the source (GIF/TIFF/HEIF sources become PNG or JPEG as appropriate).</summary>
    Original,
    Jpeg,
    Png,
    Webp,
    Avif,
    Gif,
    /// <summary>Chosen per request from Accept: AVIF if accepted and allowed, else WebP, else JPEG (PNG when there is alpha).</summary>
    Auto,
}
