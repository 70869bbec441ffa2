namespace ImageService.Benchmarks.Commands;

/// <summary>One benchmark sub-command (<c>dotnet run -c Release --project tests/ImageService.Benchmarks -- NAME ...</c>).
/// New benchmarks (API latency, upload processing, ...) are new implementations listed in Program.cs.</summary>
internal interface IBenchmarkCommand
{
    /// <summary>The first command-line argument that selects this command.</summary>
    string Name { get; }

    /// <summary>One line for the usage text: options and what the command measures.</summary>
    string Usage { get; }

    /// <summary>Runs the benchmark and returns the process exit code (0 = ran; 1 = a target was missed).</summary>
    int Run(BenchmarkArguments arguments);
}
