using System.Globalization;

namespace ImageService.Benchmarks.Harness;

/// <summary>What the results were measured on, for the report header.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}); {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}");
    }
}
