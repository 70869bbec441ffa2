using System.Text.Json;
using ImageService.Contracts.Dashboard;
using ImageService.Contracts.Images;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ImageService.Dashboard.Services;

/// <summary>
/// Sends chosen files: up to the API's inline limit as <c>POST /images</c> (multipart, bearer token), above it through
/// the presigned flow (<c>POST /images/uploads</c>, the file to the returned URL without any token, then
/// <c>POST /images/{id}/complete</c>), so large files never pass through the API's request size limits.
/// </summary>
public sealed class Uploader(IJSRuntime js, ApiClient api, Session session, DashboardConfig config)
{
    private IJSObjectReference? module;

    public async Task<int> StageAsync(ElementReference input) =>
        await (await Module()).InvokeAsync<int>("stage", input);

    public async Task ReleaseAsync(int batch) => await (await Module()).InvokeVoidAsync("release", batch);

    public async Task UploadAsync(int batch, int index, UploadItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var progress = DotNetObjectReference.Create(item);
        item.State = UploadState.Sending;
        item.Notify();
        item.Error = item.Size <= config.InlineUploadMaxBytes
            ? await InlineAsync(batch, index, progress)
            : await PresignedAsync(batch, index, item, progress);
        item.State = item.Error is null ? UploadState.Done : UploadState.Failed;
        item.Notify();
    }

    private async Task<string?> InlineAsync(int batch, int index, DotNetObjectReference<UploadItem> progress)
    {
        var answer = await SendAsync(batch, index, "POST", new Uri(api.BaseAddress, "images").ToString(), null, new Dictionary<string, string>(), session.AccessToken, progress);
        return answer.Status is >= 200 and < 300 ? null : ErrorOf(answer);
    }

    private async Task<string?> PresignedAsync(int batch, int index, UploadItem item, DotNetObjectReference<UploadItem> progress)
    {
        var grant = await api.SendAsync("POST", "images/uploads", new CreateUploadRequest { Title = Path.GetFileNameWithoutExtension(item.Name) },
            DashboardJsonContext.Default.CreateUploadRequest, DashboardJsonContext.Default.PresignedUploadResponse);
        if (!grant.Ok)
        {
            return grant.Problem.Message;
        }
        var upload = grant.Value;
        var post = string.Equals(upload.Method, "POST", StringComparison.OrdinalIgnoreCase);
        // The URL is the credential: no bearer token goes to storage.
        var answer = await SendAsync(batch, index, upload.Method, upload.Url, post ? null : upload.Headers, post ? upload.Fields : null, null, progress);
        if (answer.Status is < 200 or >= 300)
        {
            return ErrorOf(answer);
        }
        item.State = UploadState.Processing;
        item.Notify();
        var completed = await api.SendAsync("POST", new Uri(upload.Complete, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? upload.Complete : upload.Complete.TrimStart('/'),
            DashboardJsonContext.Default.ImageResponse);
        return completed.Problem?.Message;
    }

    private async Task<UploadAnswer> SendAsync(int batch, int index, string method, string url, IReadOnlyDictionary<string, string>? headers,
        IReadOnlyDictionary<string, string>? fields, string? bearer, DotNetObjectReference<UploadItem> progress)
    {
        var json = await (await Module()).InvokeAsync<string>("send", batch, index, method, url, headers, fields, bearer, progress);
        return JsonSerializer.Deserialize(json, DashboardJsonContext.Default.UploadAnswer) ?? new UploadAnswer(0, "");
    }

    private static string ErrorOf(UploadAnswer answer)
    {
        if (answer.Status == 0)
        {
            return "The upload could not reach the server.";
        }
        try
        {
            var problem = JsonSerializer.Deserialize(answer.Body, DashboardJsonContext.Default.ApiProblem);
            if (problem is not null)
            {
                return problem.Message;
            }
        }
        catch (JsonException)
        {
            // storage answered with XML or text (S3): the status is what we can tell
        }
        return $"The upload failed ({answer.Status}).";
    }

    private async Task<IJSObjectReference> Module() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/upload.js");
}
