namespace ImageService.Api.Jobs;

public sealed record WorkflowListResponse(IReadOnlyList<WorkflowResponse> Items);
