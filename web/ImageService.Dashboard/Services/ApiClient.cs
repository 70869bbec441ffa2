using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Components;

namespace ImageService.Dashboard.Services;

/// <summary>
/// Calls the management API with the session's bearer token. Answers become <see cref="ApiResult{T}"/>: the value, or
/// the API's problem details (field errors included). A 401 means the session ended: the user is sent to sign-in with
/// the current page remembered, and returns to it afterwards.
/// </summary>
public sealed class ApiClient(HttpClient http, Session session, NavigationManager navigation)
{
    public Uri BaseAddress => http.BaseAddress!;

    public Task<ApiResult<T>> GetAsync<T>(string path, JsonTypeInfo<T> type) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), type);

    public Task<ApiResult<TResult>> SendAsync<TBody, TResult>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TResult> resultType) =>
        SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, bodyType) }, resultType);

    /// <summary>A request without a body whose answer carries none the caller needs (DELETE, POST /billing/portal …).</summary>
    public async Task<ApiProblem?> SendAsync(HttpMethod method, string path)
    {
        var result = await SendAsync(new HttpRequestMessage(method, path), DashboardJsonContext.Default.JsonElement);
        return result.Problem;
    }

    public async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            if (session.AccessToken is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request);
            }
            catch (HttpRequestException ex)
            {
                return new(default, ApiProblem.Network(ex.Message));
            }
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    await session.SignOutAsync();
                    navigation.ToSignIn(expired: true);
                    return new(default, new ApiProblem(null, "Your session has ended.", 401, "Sign in again to continue.", null));
                }
                if (!response.IsSuccessStatusCode)
                {
                    return new(default, await ProblemOf(response));
                }
                if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
                {
                    return new(default!, null);
                }
                var value = await response.Content.ReadFromJsonAsync(type);
                return new(value!, null);
            }
        }
    }

    private static async Task<ApiProblem> ProblemOf(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync(DashboardJsonContext.Default.ApiProblem);
            if (problem is not null)
            {
                return problem with { Status = problem.Status ?? status };
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's error page): the status says enough.
        }
        return new ApiProblem(null, response.ReasonPhrase, status, null, null);
    }
}
