namespace ImageService.Benchmarks.Commands;

/// <summary>Bad command-line input; Program prints the message and the usage text and exits with 2.</summary>
internal sealed class BenchmarkUsageException(string message) : Exception(message);
