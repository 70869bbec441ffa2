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
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}); {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}; {LoadAverage()}");
    }

    /// <summary>The 1/5/15-minute load averages: how busy the machine was with other work during the run.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average unknown";
}
