namespace ImageService.Dashboard.Services;

/// <summary>An RFC 9457 problem as the API answers it; <see cref="Errors"/> names each invalid field
/// (<c>allowedOrigins[1]</c>, <c>path</c>, <c>defaultTransform.w</c>).</summary>
public sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors)
{
    public const string TypePrefix = "urn:imageservice:problem:";

    public bool Is(string name) => Type == TypePrefix + name;

    /// <summary>The message for one field, if the API named it.</summary>
    public string? ErrorFor(string field) => Errors is not null && Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>What to tell the user: the detail, else the title, else the status.</summary>
    public string Message => Detail ?? Title ?? $"The request failed ({Status}).";

    public static ApiProblem Network(string message) => new(null, "The service could not be reached.", null, message, null);
}
