namespace ImageService.Api.Tests.Observability;

/// <summary>Tests that read or change process-wide state (metrics of every host, environment variables) run alone.</summary>
[CollectionDefinition(nameof(ProcessWide), DisableParallelization = true)]
public sealed class ProcessWide;
