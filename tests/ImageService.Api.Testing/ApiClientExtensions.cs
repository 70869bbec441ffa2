using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ImageService.Api.Images;

namespace ImageService.Api.Testing;

/// <summary>Intent-named calls the tests make; responses are read with the API's own JSON contract.</summary>
public static class ApiClientExtensions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = ApiJsonContext.Default };

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] file, string fileName = "photo.jpg",
        string? title = null, string? albumId = null, string? tags = null, string? description = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        foreach (var (name, value) in new[] { ("title", title), ("albumId", albumId), ("tags", tags), ("description", description) })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }
        return client.PostAsync("/images", form);
    }

    public static async Task<ImageResponse> UploadOkAsync(this HttpClient client, byte[] file, string? title = null, string? albumId = null, string? tags = null)
    {
        using var response = await client.UploadAsync(file, title: title, albumId: albumId, tags: tags);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImageResponse>(Json))!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    /// <summary>The body as a JSON document, for tests that read a field or two.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Ids of the caller's listed images (first page).</summary>
    public static async Task<IReadOnlyList<string>> ListedIdsAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/images");
        response.EnsureSuccessStatusCode();
        var body = await response.JsonAsync();
        return body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToArray();
    }

    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }
}
