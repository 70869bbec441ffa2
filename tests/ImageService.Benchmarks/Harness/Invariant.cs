using System.Globalization;

namespace ImageService.Benchmarks.Harness;

/// <summary>Numbers in the output always use '.' decimals, whatever the machine's culture.</summary>
internal static class Invariant
{
    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
