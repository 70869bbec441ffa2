using System.Diagnostics.CodeAnalysis;

namespace ImageService.Dashboard.Services;

/// <summary>A value, or the problem the API answered with instead.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Ok => Problem is null;
}
