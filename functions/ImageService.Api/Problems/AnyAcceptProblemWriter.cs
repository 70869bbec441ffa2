namespace ImageService.Api.Problems;

/// <summary>
/// Writes problem+json when the framework's writer declines because the client accepts only images (a browser's
/// <c>&lt;img&gt;</c> fetch of a delivery URL): without it a handler's problem falls back to an unshaped body with the
/// framework's RFC type and title and no correlation id. Registered after the default writer, so it only answers what
/// that one refuses, and shaped by the same <see cref="ApiProblems.Customize"/>.
/// </summary>
internal sealed class AnyAcceptProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApiProblems.Customize(context);
        var response = context.HttpContext.Response;
        var write = context.ProblemDetails is Microsoft.AspNetCore.Http.HttpValidationProblemDetails validation
            ? response.WriteAsJsonAsync(validation, ApiJsonContext.Default.HttpValidationProblemDetails, "application/problem+json")
            : response.WriteAsJsonAsync(context.ProblemDetails, ApiJsonContext.Default.ProblemDetails, "application/problem+json");
        return new ValueTask(write);
    }
}
