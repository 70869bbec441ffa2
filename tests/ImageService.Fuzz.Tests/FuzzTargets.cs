namespace ImageService.Fuzz.Tests;

/// <summary>The fuzz targets run one after another: the memory check of one must not see another's allocations.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzTargets
{
    public const string Name = "fuzz";
}
