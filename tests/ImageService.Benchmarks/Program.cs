using ImageService.Benchmarks.Commands;

// Benchmarks for ImageService, as sub-commands of one console program; never part of `dotnet test`.
//   dotnet run -c Release --project tests/ImageService.Benchmarks -- <command> [--option value ...]
// vs-sharp.sh builds this in Release and runs `vs-sharp`. To add a benchmark (API latency, upload processing, ...),
// implement IBenchmarkCommand in Commands/ and list it below; shared pieces live in Harness/.
IBenchmarkCommand[] commands = [new VsSharpCommand(), new EngineCommand(), new PeakRssCommand(), new DeliveryChecksCommand(), new RenditionsCommand()];

var command = args.Length > 0 ? Array.Find(commands, c => c.Name == args[0]) : null;
if (command is null)
{
    Console.Error.WriteLine("usage: ImageService.Benchmarks <command> [options]; commands:");
    foreach (var known in commands)
    {
        Console.Error.WriteLine("  " + known.Usage);
    }

    return 2;
}

try
{
    return command.Run(BenchmarkArguments.Parse(args.AsSpan(1)));
}
catch (BenchmarkUsageException e)
{
    Console.Error.WriteLine($"{command.Name}: {e.Message}");
    Console.Error.WriteLine("usage: " + command.Usage);
    return 2;
}
