using System.Collections;

namespace ImageService.Api.Observability;

/// <summary>
/// The per-request log scope the API adds to ASP.NET Core's (which carries RequestId and the Activity's TraceId and
/// SpanId): the matched route template and the account, filled in as the request learns them (after routing, after
/// authentication, when delivery resolves the public key). The scope is opened by the outermost middleware, so the
/// lines of the exception handler carry it too; formatters enumerate it when a line is written, so later values appear
/// on later lines. Holds no path: a path may carry an upload token.
/// </summary>
public sealed class RequestLogContext : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string RouteKey = "Route";
    public const string AccountIdKey = "AccountId";

    public string? Route { get; set; }

    public string? AccountId { get; set; }

    /// <summary>The route group label of the matched endpoint (<see cref="RouteGroupLabels"/>), kept for the request metric.</summary>
    public string RouteGroup { get; set; } = RouteGroupLabels.Unmatched;

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(RouteKey, Route),
        1 => new(AccountIdKey, AccountId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"Route:{Route} AccountId:{AccountId}";

    /// <summary>Records the account of the request once it is known (delivery: after the public key or host resolved it).</summary>
    public static void SetAccount(HttpContext context, string accountId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<RequestLogContext>() is { } log)
        {
            log.AccountId = accountId;
        }
    }
}
