using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Rows;

namespace ImageService.Benchmarks.Peers;

/// <summary>One implementation vs-sharp measures on a row: our engine or one of its peers.</summary>
internal interface IComparedSide
{
    /// <summary>Short column name: "ours", "sharp", "netvips", "imagesharp".</summary>
    string Name { get; }

    /// <summary>Library, versions and settings, for the report header.</summary>
    string Description { get; }

    /// <summary>Runs <paramref name="row"/> on <paramref name="inputs"/> (the row's files, already in memory) with
    /// <paramref name="concurrency"/> operations in flight for at least <paramref name="duration"/>.</summary>
    Measurement Run(PhotoRow row, IReadOnlyList<byte[]> inputs, int concurrency, TimeSpan duration, int minOps);
}
