using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Components;

namespace ImageService.Dashboard.Services;

/// <summary>
/// Calls the management API with the session's bearer token. Answers become <see cref="ApiResult{T}"/>: the value, or
/// the API's problem details (field errors included). A 401 means the session ended: the user is sent to sign-in with
/// the current page remembered, and returns to it afterwards.
/// </summary>
public sealed class ApiClient(IFetch fetch, Uri baseAddress, Session session, NavigationManager navigation)
{
    private const string Json = "application/json";

    public Uri BaseAddress => baseAddress;

    public Task<ApiResult<T>> GetAsync<T>(string path, JsonTypeInfo<T> type) => SendAsync("GET", path, null, type);

    public Task<ApiResult<TResult>> SendAsync<TBody, TResult>(string method, string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TResult> resultType) =>
        SendAsync(method, path, JsonSerializer.Serialize(body, bodyType), resultType);

    /// <summary>A request without a body whose answer carries none the caller needs (DELETE …).</summary>
    public async Task<ApiProblem?> SendAsync(string method, string path)
    {
        var result = await SendAsync(method, path, null, DashboardJsonContext.Default.JsonElement);
        return result.Problem;
    }

    /// <summary>A request without a body (POST /billing/portal, an upload's complete link), relative to the API's base
    /// address or absolute.</summary>
    public Task<ApiResult<T>> SendAsync<T>(string method, string path, JsonTypeInfo<T> type) => SendAsync(method, path, null, type);

    private async Task<ApiResult<T>> SendAsync<T>(string method, string path, string? json, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var response = await fetch.SendAsync(new FetchRequest(method, new Uri(baseAddress, path).ToString())
        {
            Body = json,
            ContentType = json is null ? null : Json,
            Bearer = session.AccessToken,
            Accept = Json,
        });
        if (response.Status == 0)
        {
            return new(default, ApiProblem.Network(response.Body));
        }
        if (response.Status == 401)
        {
            session.SignOut();
            navigation.ToSignIn(expired: true);
            return new(default, new ApiProblem(null, "Your session has ended.", 401, "Sign in again to continue.", null));
        }
        if (!response.IsSuccess)
        {
            return new(default, ProblemOf(response));
        }
        if (response.Status == 204 || response.Body.Length == 0)
        {
            return new(default!, null);
        }
        return new(JsonSerializer.Deserialize(response.Body, type)!, null);
    }

    private static ApiProblem ProblemOf(FetchResponse response)
    {
        try
        {
            var problem = JsonSerializer.Deserialize(response.Body, DashboardJsonContext.Default.ApiProblem);
            if (problem is not null)
            {
                return problem with { Status = problem.Status ?? response.Status };
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's error page): the status says enough.
        }
        return new ApiProblem(null, null, response.Status, null, null);
    }
}
