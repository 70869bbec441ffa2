using System.Globalization;

namespace ImageService.Benchmarks.Harness;

/// <summary>The process's peak resident set size (VmHWM), read the same way on both sides.</summary>
internal static class PeakRss
{
    public static long CurrentProcessKb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("/proc/self/status has no VmHWM line (not Linux?)");
    }
}
