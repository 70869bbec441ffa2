using System.ComponentModel.DataAnnotations;

namespace ImageService.Api.Hosting;

/// <summary>Configuration section <c>Hosting</c>. Options types use setters: the trimming-safe binding generator
/// skips init-only properties silently.</summary>
public sealed record HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Which endpoints this process maps: all (default), or one or more of upload, get, list, update, delete,
    /// transform, account, billing, cdnlogs, jobs, worker, comma-separated.</summary>
    [RegularExpression(@"(?i)^\s*(all|upload|get|list|update|delete|transform|account|billing|cdnlogs|jobs|worker)(\s*,\s*(all|upload|get|list|update|delete|transform|account|billing|cdnlogs|jobs|worker))*\s*$",
        ErrorMessage = "Hosting:RouteGroup must be all, or one or more of upload, get, list, update, delete, transform, account, billing, cdnlogs, jobs, worker (comma-separated).")]
    public string RouteGroup { get; set; } = "all";

    /// <summary>The route groups configured for this process, read while services are registered (before options
    /// exist); a malformed value counts as all and is reported by validation at start.</summary>
    public static ApiRouteGroups RouteGroupsIn(IConfiguration configuration) =>
        new HostingOptions { RouteGroup = configuration[$"{SectionName}:{nameof(RouteGroup)}"] ?? "all" }.ParseRouteGroupsOrAll();

    /// <summary>As <see cref="ParseRouteGroups"/>, but a malformed value (reported by validation at start) counts as all.</summary>
    public ApiRouteGroups ParseRouteGroupsOrAll()
    {
        try
        {
            return ParseRouteGroups();
        }
        catch (InvalidOperationException)
        {
            return ApiRouteGroups.All;
        }
    }

    /// <summary>The one place a configured route group name becomes <see cref="ApiRouteGroups"/>.</summary>
    public ApiRouteGroups ParseRouteGroups()
    {
        var groups = ApiRouteGroups.None;
        foreach (var name in RouteGroup.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            groups |= name.ToUpperInvariant() switch
            {
                "ALL" => ApiRouteGroups.All,
                "UPLOAD" => ApiRouteGroups.Upload,
                "GET" => ApiRouteGroups.Get,
                "LIST" => ApiRouteGroups.List,
                "UPDATE" => ApiRouteGroups.Update,
                "DELETE" => ApiRouteGroups.Delete,
                "TRANSFORM" => ApiRouteGroups.Transform,
                "ACCOUNT" => ApiRouteGroups.Account,
                "BILLING" => ApiRouteGroups.Billing,
                "CDNLOGS" => ApiRouteGroups.CdnLogs,
                "JOBS" => ApiRouteGroups.Jobs,
                "WORKER" => ApiRouteGroups.Worker,
                _ => throw new InvalidOperationException(
                    $"Hosting:RouteGroup '{name}' is not one of all, upload, get, list, update, delete, transform, account, billing, cdnlogs, jobs, worker."),
            };
        }
        return groups == ApiRouteGroups.None ? ApiRouteGroups.All : groups;
    }
}
