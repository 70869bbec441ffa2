using System.Net.Http.Headers;
using System.Text.Json;

namespace ImageService.Storage.Tests.Api;

/// <summary>Intent-named API calls for the AWS-backend API tests; bodies read as JSON documents.</summary>
internal static class ApiCalls
{
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] file, string? title = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "photo.png");
        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }

        return client.PostAsync(new Uri("/images", UriKind.Relative), form);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Ids of the user's listed images (first page).</summary>
    public static async Task<IReadOnlyList<string>> ListedIdsAsync(this HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/images", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var body = await response.JsonAsync();
        return body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToArray();
    }
}
