using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api.Problems;

/// <summary>
/// The one place problem+json is shaped. Handlers return the typed results below; middleware (authentication,
/// rate limiting, status code pages, the exception handler) write through <see cref="WriteAsync"/>; both pass through
/// <see cref="Customize"/>, which fills type, title, instance and the correlation id.
/// </summary>
public sealed class ApiProblems
{
    public const string CorrelationIdKey = "correlationId";

    public static ProblemHttpResult Problem(int status, string detail, string? type = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, type: type);

    public static ProblemHttpResult NotFound(string detail = "No image with this id exists.") => Problem(404, detail);

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
        var (type, title) = ProblemTypes.ForStatus(status);
        // Framework defaults point at RFC sections; replace them with our stable types.
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal)
            || problem.Type.StartsWith("https://datatracker.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = type;
            problem.Title = title;
        }
        problem.Title ??= title;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Detail ??= title;
        // Framework-added trace ids would duplicate ours; keep one, named for what clients quote to support.
        problem.Extensions.Remove("traceId");
        problem.Extensions.Remove("requestId");
        problem.Extensions[CorrelationIdKey] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }
}
