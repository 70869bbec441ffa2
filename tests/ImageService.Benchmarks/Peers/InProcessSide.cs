using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Rows;
using ImageService.Core.Imaging;

namespace ImageService.Benchmarks.Peers;

/// <summary>A side that runs in this process on the shared <see cref="ThroughputLoop"/> threads (ours, NetVips,
/// ImageSharp), so each gets the same threads, the same inputs and the same timing code.</summary>
internal sealed class InProcessSide(
    string name, string description, ThroughputLoop loop, Func<PhotoRow, Func<ReadOnlyMemory<byte>, RenderedImage>> operationFor) : IComparedSide
{
    private readonly Dictionary<string, Func<ReadOnlyMemory<byte>, RenderedImage>> _operations = [];

    public string Name => name;

    public string Description => description;

    public Measurement Run(PhotoRow row, IReadOnlyList<byte[]> inputs, int concurrency, TimeSpan duration, int minOps)
    {
        if (!_operations.TryGetValue(row.Id, out var operation))
        {
            operation = operationFor(row);
            _operations[row.Id] = operation;
        }

        return loop.Run(inputs, operation, concurrency, duration, minOps);
    }
}
