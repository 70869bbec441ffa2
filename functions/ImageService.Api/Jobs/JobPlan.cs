using ImageService.Core.Jobs;

namespace ImageService.Api.Jobs;

/// <summary>A job ready to start with its items, or what is wrong with the request (by field name).</summary>
public sealed record JobPlan(Job? Job, IReadOnlyList<JobItem> Items, Dictionary<string, string[]> Errors)
{
    public static JobPlan Invalid(Dictionary<string, string[]> errors) => new(null, [], errors);

    public static JobPlan Invalid(string field, string message) => Invalid(new(StringComparer.Ordinal) { [field] = [message] });
}
