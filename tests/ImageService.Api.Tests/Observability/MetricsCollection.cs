namespace ImageService.Api.Tests.Observability;

/// <summary>Tests that read process-wide metrics run alone.</summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;
