using ImageService.Api.OpenApi;
using ImageService.Api.Problems;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api.Health;

/// <summary>GET /health: 200 when the process is up and both stores answer; 503 problem+json naming what failed.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", CheckAsync)
            .WithName("Health")
            .WithTags("Health")
            .WithSummary("Liveness and storage readiness.")
            .WithDescription("200 when the process is up and both stores answer within 5 s; otherwise 503 with `checks` naming each store's state.")
            .ProducesProblems(ProblemTypes.StorageUnavailable)
            .AllowAnonymous();
        return routes;
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(
        IImageMetadataStore metadata, IBlobStore blobs, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var checks = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata"] = await ProbeAsync(() => metadata.IsReadyAsync(timeout.Token)),
            ["blobs"] = await ProbeAsync(() => blobs.IsReadyAsync(timeout.Token)),
        };
        if (checks.Values.All(v => v == "ready"))
        {
            return TypedResults.Ok(new HealthResponse("healthy", checks));
        }
        var problem = new ProblemDetails { Status = 503, Detail = "Storage is not ready: " + string.Join(", ", checks.Where(c => c.Value != "ready").Select(c => c.Key)) + "." };
        problem.Extensions["checks"] = checks;
        return TypedResults.Problem(problem);
    }

    private static async Task<string> ProbeAsync(Func<Task<bool>> probe)
    {
        try
        {
            return await probe() ? "ready" : "unavailable";
        }
        catch (Exception ex) when (ex is StorageException or OperationCanceledException or IOException)
        {
            return "unavailable";
        }
    }
}
