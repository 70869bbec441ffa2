using System.Text.Json;
using ImageService.Contracts.Dashboard;
using ImageService.Contracts.Images;

namespace ImageService.Dashboard.Services;

/// <summary>
/// Sends chosen files: up to the API's inline limit as <c>POST /images</c> (multipart, bearer token), above it through
/// the presigned flow (<c>POST /images/uploads</c>, the file to the returned URL without any token, then
/// <c>POST /images/{id}/complete</c>), so large files never pass through the API's request size limits.
/// </summary>
public sealed class Uploader(IUploadTransport transport, ApiClient api, Session session, DashboardConfig config)
{
    private static readonly Dictionary<string, string> NoFields = [];

    /// <summary>The files the input <paramref name="inputId"/> holds now; release the batch when its uploads end.</summary>
    public Task<StagedBatch> StageAsync(string inputId) => transport.StageAsync(inputId);

    public void Release(int batch) => transport.Release(batch);

    public async Task UploadAsync(int batch, int index, UploadItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.State = UploadState.Sending;
        item.Notify();
        item.Error = item.Size <= config.InlineUploadMaxBytes
            ? await InlineAsync(batch, index, item)
            : await PresignedAsync(batch, index, item);
        item.State = item.Error is null ? UploadState.Done : UploadState.Failed;
        item.Notify();
    }

    private async Task<string?> InlineAsync(int batch, int index, UploadItem item)
    {
        var answer = await transport.SendAsync(new UploadSend(batch, index, "POST", new Uri(api.BaseAddress, "images").ToString())
        {
            Fields = NoFields,
            Bearer = session.AccessToken,
        }, item.Report);
        return answer.Status is >= 200 and < 300 ? null : ErrorOf(answer);
    }

    private async Task<string?> PresignedAsync(int batch, int index, UploadItem item)
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
        var answer = await transport.SendAsync(new UploadSend(batch, index, upload.Method, upload.Url)
        {
            Headers = post ? null : upload.Headers,
            Fields = post ? upload.Fields : null,
        }, item.Report);
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
}
