using System.Diagnostics;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api.Problems;

/// <summary>
/// The one place problem+json is shaped. Handlers return the typed results below, naming a type of
/// <see cref="ProblemTypes"/> (which gives the status); middleware (authentication, rate limiting, status code pages,
/// the exception handler) write through <see cref="WriteAsync"/>; both pass through <see cref="Customize"/>, which
/// fills type and title from the table, instance and the correlation id.
/// </summary>
public sealed class ApiProblems
{
    public const string CorrelationIdKey = "correlationId";

    /// <summary>A problem of <paramref name="type"/> (one of <see cref="ProblemTypes"/>), answered with its status.</summary>
    public static ProblemHttpResult Problem(string type, string? detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: ProblemTypes.Get(type).Status, type: type, extensions: extensions);

    public static ProblemHttpResult NotFound(string? detail = null) =>
        Problem(ProblemTypes.NotFound, detail ?? ProblemTypes.NotFoundDetail(StoredItem.Image));

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string detail = "One or more fields are invalid.") =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = 400, Detail = detail });

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public Task WriteAsync(HttpContext context, int status, string detail, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail, Type = type };
        // Shaped here as well as in the service: a client that accepts only images (a browser's <img> fetch) makes
        // the problem details service decline, and the result then falls back to plain problem+json unshaped.
        Customize(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }

    /// <summary>Registered as ProblemDetailsOptions.CustomizeProblemDetails.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        // Framework defaults point at RFC sections; replace them with our stable types. The title always comes from
        // the table (the framework's would read "Not Found" beside our "Not found.").
        var kind = ProblemTypes.Find(problem.Type) ?? ProblemTypes.ForStatus(status);
        problem.Type = kind.Type;
        problem.Title = kind.Title;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Detail ??= kind.Title;
        // Framework-added trace ids would duplicate ours; keep one, named for what clients quote to support.
        problem.Extensions.Remove("traceId");
        problem.Extensions.Remove("requestId");
        problem.Extensions[CorrelationIdKey] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }
}
