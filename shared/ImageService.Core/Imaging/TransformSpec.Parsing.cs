using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageService.Core.Imaging;

public sealed partial record TransformSpec
{
    public const int MaxSide = 8192;

    /// <summary>The parameter names <see cref="TryParse"/> understands.</summary>
    public static IReadOnlySet<string> Keys { get; } =
        new HashSet<string>(["w", "h", "dpr", "fit", "gravity", "bg", "q", "f", "blur", "rot", "flip", "flop"], StringComparer.Ordinal);

    /// <summary>
    /// Parses URL query parameters. Every unknown key, repeated key and malformed value is reported in
    /// <paramref name="errors"/> under the parameter's name; keys in <paramref name="ignoredKeys"/> (e.g. sig, exp)
    /// are skipped. Values are normalised (rounded, lower-cased) so equal requests give equal specs.
    /// </summary>
    public static bool TryParse(
        IEnumerable<KeyValuePair<string, string?>> parameters,
        out TransformSpec spec,
        out IReadOnlyDictionary<string, string[]> errors,
        IReadOnlySet<string>? ignoredKeys = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new TransformSpec();
        void Fail(string key, string message)
        {
            if (!problems.TryGetValue(key, out var list))
            {
                problems[key] = list = [];
            }

            list.Add(message);
        }

        foreach (var (key, rawValue) in parameters)
        {
            if (ignoredKeys?.Contains(key) == true)
            {
                continue;
            }

            if (!Keys.Contains(key))
            {
                Fail(key, $"Unknown parameter '{key}'. Known parameters: {string.Join(", ", Keys)}.");
                continue;
            }

            if (!seen.Add(key))
            {
                Fail(key, "Given more than once.");
                continue;
            }

            var value = (rawValue ?? string.Empty).Trim();
            var message = Apply(ref result, key, value);
            if (message is not null)
            {
                Fail(key, message);
            }
        }

        spec = result;
        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return problems.Count == 0;
    }

    /// <summary>
    /// The normalised query: keys sorted, defaults omitted, numbers in invariant culture. Equal specs give equal
    /// strings whatever the order or spelling of the original parameters. Empty for the default spec.
    /// </summary>
    public string ToCanonicalQuery()
    {
        var parts = new List<string>(12);
        void Add(string key, string value) => parts.Add(key + "=" + value);
        if (Background is not null)
        {
            Add("bg", Background);
        }

        if (Blur is { } blur)
        {
            Add("blur", Number(blur));
        }

        // dpr only multiplies w and h; without them it changes nothing, so it does not split the cache.
        if (Dpr != 1 && (Width is not null || Height is not null))
        {
            Add("dpr", Number(Dpr));
        }

        if (OutputFormats.Token(Format) is { } format)
        {
            Add("f", format);
        }

        if (Fit != FitMode.Cover)
        {
            Add("fit", Fit.ToString().ToLowerInvariant());
        }

        if (Flip)
        {
            Add("flip", "1");
        }

        if (Flop)
        {
            Add("flop", "1");
        }

        if (Gravity != Gravity.Centre)
        {
            Add("gravity", GravityToken());
        }

        if (Height is { } h)
        {
            Add("h", h.ToString(CultureInfo.InvariantCulture));
        }

        if (Quality is { } q)
        {
            Add("q", q.ToString(CultureInfo.InvariantCulture));
        }

        if (Rotate != 0)
        {
            Add("rot", Rotate.ToString(CultureInfo.InvariantCulture));
        }

        if (Width is { } w)
        {
            Add("w", w.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    /// <summary>
    /// A deterministic, filesystem- and S3-safe name for the derived result: 32 hex characters of a SHA-256 over
    /// the canonical query and the resolved output format, plus the format's extension (f=auto results for AVIF
    /// and WebP therefore differ). Callers prefix it with the image's own key.
    /// </summary>
    public string CanonicalKey(string resolvedFormat)
    {
        var extension = OutputFormats.Extension(resolvedFormat);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ToCanonicalQuery() + "|" + resolvedFormat));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "." + extension;
    }

    private string GravityToken() => Gravity switch
    {
        Gravity.FocusPoint => "fp:" + Number(FocusX) + ":" + Number(FocusY),
        _ => Gravity.ToString().ToLowerInvariant(),
    };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Apply(ref TransformSpec spec, string key, string value)
    {
        switch (key)
        {
            case "w":
            case "h":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var side) || side is < 1 or > MaxSide)
                {
                    return $"Must be a whole number from 1 to {MaxSide}; got '{value}'.";
                }

                spec = key == "w" ? spec with { Width = side } : spec with { Height = side };
                return null;
            case "dpr":
                if (!TryNumber(value, out var dpr) || dpr is < 1 or > 4)
                {
                    return $"Must be a number from 1 to 4; got '{value}'.";
                }

                spec = spec with { Dpr = Math.Round(dpr, 2) };
                return null;
            case "fit":
                if (!Enum.TryParse<FitMode>(value, ignoreCase: true, out var fit) || !value.All(char.IsAsciiLetter))
                {
                    return $"Must be one of cover, contain, fill, inside, outside; got '{value}'.";
                }

                spec = spec with { Fit = fit };
                return null;
            case "gravity":
                return ParseGravity(ref spec, value);
            case "bg":
                return ParseBackground(ref spec, value);
            case "q":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var q) || q is < 1 or > 100)
                {
                    return $"Must be a whole number from 1 to 100; got '{value}'.";
                }

                spec = spec with { Quality = q };
                return null;
            case "f":
                OutputFormat? format = value.ToLowerInvariant() switch
                {
                    "jpeg" or "jpg" => OutputFormat.Jpeg,
                    "png" => OutputFormat.Png,
                    "webp" => OutputFormat.Webp,
                    "avif" => OutputFormat.Avif,
                    "gif" => OutputFormat.Gif,
                    "auto" => OutputFormat.Auto,
                    _ => null,
                };
                if (format is null)
                {
                    return $"Must be one of jpeg, png, webp, avif, gif, auto; got '{value}'.";
                }

                spec = spec with { Format = format.Value };
                return null;
            case "blur":
                if (!TryNumber(value, out var sigma) || sigma is < 0.3 or > 1000)
                {
                    return $"Must be a number from 0.3 to 1000; got '{value}'.";
                }

                spec = spec with { Blur = Math.Round(sigma, 2) };
                return null;
            case "rot":
                if (value is not ("0" or "90" or "180" or "270"))
                {
                    return $"Must be 0, 90, 180 or 270; got '{value}'.";
                }

                spec = spec with { Rotate = int.Parse(value, CultureInfo.InvariantCulture) };
                return null;
            default: // flip, flop
                bool? on = value.ToLowerInvariant() switch
                {
                    "" or "1" or "true" => true,
                    "0" or "false" => false,
                    _ => null,
                };
                if (on is null)
                {
                    return $"Must be 1, true, 0 or false (or empty for true); got '{value}'.";
                }

                spec = key == "flip" ? spec with { Flip = on.Value } : spec with { Flop = on.Value };
                return null;
        }
    }

    private static string? ParseGravity(ref TransformSpec spec, string value)
    {
        var lower = value.ToLowerInvariant();
        if (lower.StartsWith("fp:", StringComparison.Ordinal))
        {
            var parts = lower.Split(':');
            if (parts.Length != 3 || !TryNumber(parts[1], out var x) || !TryNumber(parts[2], out var y) || x is < 0 or > 1 || y is < 0 or > 1)
            {
                return $"A focus point is fp:x:y with x and y from 0 to 1 (e.g. fp:0.5:0.3); got '{value}'.";
            }

            spec = spec with { Gravity = Gravity.FocusPoint, FocusX = Math.Round(x, 3), FocusY = Math.Round(y, 3) };
            return null;
        }

        Gravity? gravity = lower switch
        {
            "centre" or "center" or "c" => Gravity.Centre,
            "north" or "n" => Gravity.North,
            "northeast" or "ne" => Gravity.NorthEast,
            "east" or "e" => Gravity.East,
            "southeast" or "se" => Gravity.SouthEast,
            "south" or "s" => Gravity.South,
            "southwest" or "sw" => Gravity.SouthWest,
            "west" or "w" => Gravity.West,
            "northwest" or "nw" => Gravity.NorthWest,
            "smart" or "attention" => Gravity.Smart,
            _ => null,
        };
        if (gravity is null)
        {
            return $"Must be centre, north, northeast, east, southeast, south, southwest, west, northwest, smart or fp:x:y; got '{value}'.";
        }

        // A focus point is only meaningful with Gravity.FocusPoint; reset it so equal gravities give equal specs.
        spec = spec with { Gravity = gravity.Value, FocusX = 0.5, FocusY = 0.5 };
        return null;
    }

    private static string? ParseBackground(ref TransformSpec spec, string value)
    {
        var hex = value.StartsWith('#') ? value[1..] : value;
        if (hex.Length is not (3 or 6 or 8) || !hex.All(char.IsAsciiHexDigit))
        {
            return $"Must be a hex colour RGB, RRGGBB or RRGGBBAA; got '{value}'.";
        }

        hex = hex.ToLowerInvariant();
        if (hex.Length == 3)
        {
            hex = string.Concat(hex.Select(c => new string(c, 2)));
        }

        // Fully opaque alpha is the same colour as no alpha.
        if (hex.Length == 8 && hex.EndsWith("ff", StringComparison.Ordinal))
        {
            hex = hex[..6];
        }

        spec = spec with { Background = hex };
        return null;
    }

    private static bool TryNumber(string value, out double number) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
