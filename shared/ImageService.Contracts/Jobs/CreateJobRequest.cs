using System.Text.Json;

namespace ImageService.Contracts.Jobs;

/// <summary>The body of <c>POST /jobs</c>: <c>{"kind":"render-variants","variants":[…],"albumId"|"imageIds"|"all":true}</c>
/// or <c>{"kind":"workflow","workflow":…,"imageId":…,"parameters":{…}}</c>, either with an optional <c>callbackUrl</c>.</summary>
public sealed record CreateJobRequest(
    string? Kind,
    IReadOnlyList<string>? Variants,
    string? AlbumId,
    IReadOnlyList<string>? ImageIds,
    bool? All,
    string? Workflow,
    string? ImageId,
    JsonElement? Parameters,
    string? CallbackUrl);
