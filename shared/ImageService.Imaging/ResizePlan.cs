using ImageService.Core.Imaging;

namespace ImageService.Imaging;

/// <summary>
/// Geometry of one transform, in the source's own orientation (after EXIF, before rot/flip/flop): what
/// <c>thumbnail</c> should produce, then an optional crop or letterbox. Pure arithmetic, so it is unit-tested
/// without images.
/// </summary>
/// <param name="ResizeWidth">Width thumbnail produces (exact: it runs with size=force or a crop).</param>
/// <param name="ResizeHeight">Height thumbnail produces.</param>
/// <param name="ThumbnailCrop">"centre" or "attention" when thumbnail itself crops to the box; null otherwise.</param>
/// <param name="Crop">Region extracted after resizing (cover with a directional gravity or focus point).</param>
/// <param name="Canvas">Box the resized image is embedded in (contain), with its offset.</param>
internal sealed record ResizePlan(int ResizeWidth, int ResizeHeight, string? ThumbnailCrop, Region? Crop, Region? Canvas)
{
    public int OutputWidth => Canvas?.Width ?? Crop?.Width ?? ResizeWidth;

    public int OutputHeight => Canvas?.Height ?? Crop?.Height ?? ResizeHeight;

    public static ResizePlan Create(int sourceWidth, int sourceHeight, TransformSpec spec, int maxDimension)
    {
        var limit = Math.Max(1, maxDimension);
        int? boxW = spec.Width is { } w ? Math.Max(1, (int)Math.Round(w * spec.Dpr)) : null;
        int? boxH = spec.Height is { } h ? Math.Max(1, (int)Math.Round(h * spec.Dpr)) : null;
        if (spec.Rotate is 90 or 270)
        {
            // The box describes the output; rotation happens after resizing, so plan in the rotated frame.
            (boxW, boxH) = (boxH, boxW);
        }

        if (boxW is not { } bw || boxH is not { } bh)
        {
            var scale = boxW is { } onlyW ? (double)onlyW / sourceWidth : boxH is { } onlyH ? (double)onlyH / sourceHeight : 1.0;
            var (rw, rh) = Capped(sourceWidth * scale, sourceHeight * scale, limit);
            return new ResizePlan(rw, rh, null, null, null);
        }

        if (bw > limit || bh > limit)
        {
            var shrink = Math.Min((double)limit / bw, (double)limit / bh);
            (bw, bh) = (Math.Max(1, (int)Math.Round(bw * shrink)), Math.Max(1, (int)Math.Round(bh * shrink)));
        }

        var sx = (double)bw / sourceWidth;
        var sy = (double)bh / sourceHeight;
        var (fx, fy) = AnchorInSource(spec);
        switch (spec.Fit)
        {
            case FitMode.Fill:
                return new ResizePlan(bw, bh, null, null, null);
            case FitMode.Inside:
            case FitMode.Contain:
                {
                    var (rw, rh) = Capped(sourceWidth * Math.Min(sx, sy), sourceHeight * Math.Min(sx, sy), limit);
                    rw = Math.Min(rw, bw);
                    rh = Math.Min(rh, bh);
                    if (spec.Fit == FitMode.Inside || (rw == bw && rh == bh))
                    {
                        return new ResizePlan(rw, rh, null, null, null);
                    }

                    var left = (int)Math.Round((bw - rw) * fx);
                    var top = (int)Math.Round((bh - rh) * fy);
                    return new ResizePlan(rw, rh, null, null, new Region(left, top, bw, bh));
                }

            case FitMode.Outside:
                {
                    var (rw, rh) = Capped(sourceWidth * Math.Max(sx, sy), sourceHeight * Math.Max(sx, sy), limit);
                    return new ResizePlan(rw, rh, null, null, null);
                }

            default:
                if (spec.Gravity is Gravity.Centre or Gravity.Smart)
                {
                    return new ResizePlan(bw, bh, spec.Gravity == Gravity.Smart ? "attention" : "centre", null, null);
                }

                var cover = Math.Max(sx, sy);
                var coverW = Math.Max(bw, (int)Math.Round(sourceWidth * cover));
                var coverH = Math.Max(bh, (int)Math.Round(sourceHeight * cover));
                var cropLeft = Math.Clamp((int)Math.Round(fx * coverW - bw / 2.0), 0, coverW - bw);
                var cropTop = Math.Clamp((int)Math.Round(fy * coverH - bh / 2.0), 0, coverH - bh);
                return new ResizePlan(coverW, coverH, null, new Region(cropLeft, cropTop, bw, bh), null);
        }
    }

    /// <summary>Scales to whole pixels, shrinking further when a side would exceed the limit.</summary>
    private static (int Width, int Height) Capped(double width, double height, int limit)
    {
        var over = Math.Max(width, height) / limit;
        if (over > 1)
        {
            width /= over;
            height /= over;
        }

        return (Math.Clamp((int)Math.Round(width), 1, limit), Math.Clamp((int)Math.Round(height), 1, limit));
    }

    /// <summary>
    /// The gravity as a point (0..1) in the output, mapped back through flop, flip and the clockwise rotation to
    /// the frame the crop happens in, so "north" means the top of the image the user receives.
    /// </summary>
    private static (double X, double Y) AnchorInSource(TransformSpec spec)
    {
        var (x, y) = spec.Gravity switch
        {
            Gravity.North => (0.5, 0.0),
            Gravity.NorthEast => (1.0, 0.0),
            Gravity.East => (1.0, 0.5),
            Gravity.SouthEast => (1.0, 1.0),
            Gravity.South => (0.5, 1.0),
            Gravity.SouthWest => (0.0, 1.0),
            Gravity.West => (0.0, 0.5),
            Gravity.NorthWest => (0.0, 0.0),
            Gravity.FocusPoint => (spec.FocusX, spec.FocusY),
            _ => (0.5, 0.5),
        };
        if (spec.Flop)
        {
            x = 1 - x;
        }

        if (spec.Flip)
        {
            y = 1 - y;
        }

        return spec.Rotate switch
        {
            90 => (y, 1 - x),
            180 => (1 - x, 1 - y),
            270 => (1 - y, x),
            _ => (x, y),
        };
    }
}
