using System.Globalization;
using System.Text.Json;
using ImageService.Api.Problems;
using ImageService.Contracts.Jobs;
using ImageService.Core.Jobs;
using ImageService.Core.Paging;
using ImageService.Core.Workflows;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Jobs;

internal static class JobHandlers
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    public static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> CreateJobAsync(CreateJobRequest? request, [AsParameters] JobApiServices services)
    {
        var plan = await services.Planner.PlanAsync(services.User.Id, request, services.CancellationToken);
        if (plan.Job is null)
        {
            return ApiProblems.Validation(plan.Errors);
        }
        var job = await services.Starter.StartAsync(plan.Job, plan.Items, services.CancellationToken);
        return TypedResults.Accepted($"{services.Request.PathBase}/jobs/{job.Id}", JobResponse.From(job));
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJobAsync(string id, [AsParameters] JobApiServices services)
    {
        var job = await services.Store.GetAsync(services.User.Id, id, services.CancellationToken);
        return job is null ? ApiProblems.NotFound() : TypedResults.Ok(JobResponse.From(job));
    }

    public static async Task<Results<Ok<JobListResponse>, ProblemHttpResult>> ListJobsAsync(string? limit, string? cursor, [AsParameters] JobApiServices services)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"An integer from 1 to {MaxLimit}."];
        }
        // Bound to the owner and to this listing, so an image-list cursor never decodes here (nor the other way).
        var scope = new PageCursorScope("jobs:" + services.User.Id, null, null);
        string? after = null;
        if (!string.IsNullOrEmpty(cursor) && !services.Cursors.TryDecode(cursor, scope, out after))
        {
            errors["cursor"] = ["Not a cursor issued for this listing; pass back `cursor` unchanged."];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }
        var page = await services.Store.ListAsync(services.User.Id, size, after, services.CancellationToken);
        return TypedResults.Ok(new JobListResponse([.. page.Items.Select(JobResponse.From)],
            page.Next is null ? null : services.Cursors.Encode(scope, page.Next)));
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> CancelJobAsync(string id, [AsParameters] JobApiServices services)
    {
        var (owner, cancellationToken) = (services.User.Id, services.CancellationToken);
        switch (await services.Store.CancelAsync(owner, id, services.Time.GetUtcNow(), cancellationToken))
        {
            case CancelResult.NotFound:
                return ApiProblems.NotFound();
            case CancelResult.AlreadyFinished:
                return ApiProblems.Problem(ProblemTypes.Conflict, "The job has finished; only a queued or running job can be canceled.");
        }
        var job = (await services.Store.GetAsync(owner, id, cancellationToken))!;
        if (job.CallbackUrl is not null)
        {
            await services.Queue.EnqueueAsync([JobMessage.Callback(owner, id)], cancellationToken);
        }
        return TypedResults.Ok(JobResponse.From(job));
    }

    public static Ok<WorkflowListResponse> ListWorkflows(WorkflowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TypedResults.Ok(new WorkflowListResponse([.. catalog.All.Select(w => new WorkflowResponse(w.Name, w.Description, Schema(w)))]));
    }

    /// <summary>The workflow's parameters as a JSON Schema object (draft 2020-12 keywords).</summary>
    private static JsonElement Schema(WorkflowDefinition workflow)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            foreach (var parameter in workflow.Parameters)
            {
                writer.WriteStartObject(parameter.Name);
                writer.WriteString("type", parameter.Type);
                if (parameter.Description is { } description)
                {
                    writer.WriteString("description", description);
                }
                if (parameter.Minimum is { } minimum)
                {
                    writer.WriteNumber("minimum", minimum);
                }
                if (parameter.Maximum is { } maximum)
                {
                    writer.WriteNumber("maximum", maximum);
                }
                if (parameter.Enum.Count > 0)
                {
                    writer.WriteStartArray("enum");
                    foreach (var value in parameter.Enum)
                    {
                        writer.WriteStringValue(value);
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteStartArray("required");
            foreach (var parameter in workflow.Parameters.Where(p => p.Required))
            {
                writer.WriteStringValue(parameter.Name);
            }
            writer.WriteEndArray();
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
