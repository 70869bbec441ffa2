using System.Text.Json;

namespace ImageService.Core.Workflows;

/// <summary>The configured workflows (empty without a provider) and the check of a job's parameters against one's schema.</summary>
public sealed class WorkflowCatalog(IReadOnlyList<WorkflowDefinition> workflows)
{
    public IReadOnlyList<WorkflowDefinition> All { get; } = workflows;

    public WorkflowDefinition? Find(string? name) => All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.Ordinal));

    /// <summary>What is wrong with <paramref name="parameters"/> (a JSON object or absent) for <paramref name="workflow"/>, by name; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(WorkflowDefinition workflow, JsonElement? parameters)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            errors["parameters"] = ["Send the parameters as a JSON object."];
            return errors;
        }
        var given = parameters is { ValueKind: JsonValueKind.Object } value
            ? value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : [];
        foreach (var name in given.Keys.Where(name => workflow.Parameters.All(p => p.Name != name)))
        {
            errors[$"parameters.{name}"] = [$"The workflow {workflow.Name} has no parameter {name}."];
        }
        foreach (var parameter in workflow.Parameters)
        {
            var key = $"parameters.{parameter.Name}";
            if (!given.TryGetValue(parameter.Name, out var element))
            {
                if (parameter.Required)
                {
                    errors[key] = ["Required."];
                }
                continue;
            }
            if (Check(parameter, element) is { } problem)
            {
                errors[key] = [problem];
            }
        }
        return errors;
    }

    private static string? Check(WorkflowParameter parameter, JsonElement value) => parameter.Type switch
    {
        "string" when value.ValueKind != JsonValueKind.String => "Must be a string.",
        "string" when parameter.Enum.Count > 0 && !parameter.Enum.Contains(value.GetString()!, StringComparer.Ordinal) =>
            $"Must be one of {string.Join(", ", parameter.Enum)}.",
        "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) => "Must be true or false.",
        "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _) => "Must be an integer.",
        "number" when value.ValueKind != JsonValueKind.Number => "Must be a number.",
        "integer" or "number" => Range(parameter, value.GetDouble()),
        _ => null,
    };

    private static string? Range(WorkflowParameter parameter, double number) =>
        (parameter.Minimum is { } min && number < min) || (parameter.Maximum is { } max && number > max)
            ? $"Must be between {parameter.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-∞"} and {parameter.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}."
            : null;
}
