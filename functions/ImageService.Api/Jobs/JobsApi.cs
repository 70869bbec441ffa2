using ImageService.Api.Hosting;
using ImageService.Api.OpenApi;
using ImageService.Api.Problems;
using ImageService.Contracts.Jobs;

namespace ImageService.Api.Jobs;

/// <summary>/jobs and /workflows (owner-only: a bearer token or X-API-Key; another owner's job is 404).</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!groups.HasFlag(ApiRouteGroups.Jobs))
        {
            return routes;
        }
        var jobs = routes.MapGroup("/jobs")
            .RequireAuthorization()
            .WithTags("Jobs")
            .ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Forbidden, ProblemTypes.Internal, ProblemTypes.StorageUnavailable);
        jobs.MapPost("/", JobHandlers.CreateJobAsync)
            .WithName("CreateJob")
            .WithSummary("Start a job: render-variants (variants + imageIds, albumId or all) or workflow (workflow, imageId, parameters).")
            .WithDescription("Answers 202 with the job at once; watch it with GET /jobs/{id}. callbackUrl (https) receives the finished job, signed with your newest secret key.")
            .Accepts<CreateJobRequest>("application/json")
            .ProducesProblems(ProblemTypes.Validation);
        jobs.MapGet("/", JobHandlers.ListJobsAsync)
            .WithName("ListJobs")
            .WithSummary("Your jobs, newest first; pass `cursor` back for the next page.")
            .ProducesProblems(ProblemTypes.Validation);
        jobs.MapGet("/{id}", JobHandlers.GetJobAsync)
            .WithName("GetJob")
            .WithSummary("A job's status, counters, errors and results.")
            .ProducesProblems(ProblemTypes.NotFound);
        jobs.MapPost("/{id}/cancel", JobHandlers.CancelJobAsync)
            .WithName("CancelJob")
            .WithSummary("Cancel a queued or running job: items not started are skipped (409 once finished).")
            .ProducesProblems(ProblemTypes.NotFound, ProblemTypes.Conflict);
        routes.MapGet("/workflows", JobHandlers.ListWorkflows)
            .RequireAuthorization()
            .WithTags("Jobs")
            .WithName("ListWorkflows")
            .WithSummary("The external workflows this service runs and their parameter schemas (empty without a provider).")
            .ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Forbidden, ProblemTypes.Internal);
        return routes;
    }
}
