using System.Globalization;

namespace ImageService.Benchmarks.Commands;

/// <summary><c>--name value</c> pairs after the sub-command name. Unknown names are an error, so a typo never
/// silently runs a different benchmark than the one asked for.</summary>
internal sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = [];

    private BenchmarkArguments(Dictionary<string, string> values) => _values = values;

    public static BenchmarkArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new BenchmarkUsageException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new BenchmarkArguments(values);
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public int Integer(string name, int fallback) => Number(name, fallback, int.Parse);

    public double Decimal(string name, double fallback) => Number(name, fallback, double.Parse);

    public IReadOnlyList<int> Integers(string name, IReadOnlyList<int> fallback) =>
        Text(name) is { } list
            ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Parse(name, v, int.Parse))]
            : fallback;

    public IReadOnlyList<string> Words(string name) =>
        Text(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Call after reading every option: names given but never read are typos.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchmarkUsageException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }

    private T Number<T>(string name, T fallback, Func<string, IFormatProvider, T> parse) =>
        Text(name) is { } value ? Parse(name, value, parse) : fallback;

    private static T Parse<T>(string name, string value, Func<string, IFormatProvider, T> parse)
    {
        try
        {
            return parse(value, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new BenchmarkUsageException($"--{name}: '{value}' is not a number");
        }
    }
}
