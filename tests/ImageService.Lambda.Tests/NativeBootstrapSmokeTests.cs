using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using ImageService.Lambda.Tests.Native;
using Microsoft.Data.Sqlite;

namespace ImageService.Lambda.Tests;

/// <summary>
/// Smoke tests of the deployable artifact: the HTTP API event fixtures under Events/Api/ sent to the published Native
/// AOT <c>bootstrap</c> on the fake Runtime API, one process per route group (<c>_HANDLER</c>) as in AWS, sharing one
/// embedded-backend data directory. Each test is its own caller (authorizer <c>sub</c>), so tests do not see each
/// other's images.
/// </summary>
public sealed class NativeBootstrapSmokeTests(NativeApiFixture native) : IClassFixture<NativeApiFixture>
{
    private const int Width = 48;
    private const int Height = 32;
    private readonly string _owner = "smoke-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public void The_artifact_is_a_native_bootstrap_beside_libvips_with_no_managed_assemblies()
    {
        var files = Directory.GetFiles(native.ArtifactDirectory).Select(Path.GetFileName).ToList();

        var header = new byte[20];
        using (var bootstrap = File.OpenRead(native.Bootstrap))
        {
            bootstrap.ReadExactly(header);
        }
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], header[..4]);
        Assert.Equal(0x3E, BitConverter.ToUInt16(header, 18)); // e_machine: x86-64
        Assert.DoesNotContain(files, f => f!.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Contains(files, f => f!.StartsWith("libvips", StringComparison.Ordinal) && f.Contains(".so", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_function_stores_a_multipart_upload_and_answers_201_with_the_metadata()
    {
        var png = TestPng.Gradient(Width, Height);

        var response = await UploadAsync(png, "Harbour");

        Assert.Equal(201, response.StatusCode);
        var image = response.BodyJson;
        var id = image.GetProperty("id").GetString()!;
        Assert.Equal($"/images/{id}", response.Headers["Location"]);
        Assert.Equal("Harbour", image.GetProperty("title").GetString());
        Assert.Equal("png", image.GetProperty("format").GetString());
        Assert.Equal(Width, image.GetProperty("width").GetInt32());
        Assert.Equal(Height, image.GetProperty("height").GetInt32());
        Assert.Equal(png.Length, image.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), image.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Get_function_answers_the_metadata_of_an_uploaded_image_with_its_etag()
    {
        var id = await UploadedImageAsync();
        var get = await FunctionAsync("get");

        var response = (await get.InvokeAsync(ApiEvent.Load("get-image.json").As(_owner).ForImage(id).ToJson())).Response;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(id, response.BodyJson.GetProperty("id").GetString());
        Assert.Equal("\"v1\"", response.Headers["ETag"]);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public async Task List_function_pages_the_callers_images_newest_first()
    {
        var first = await UploadedImageAsync(seed: 1);
        var second = await UploadedImageAsync(seed: 2);
        var list = await FunctionAsync("list");

        var response = (await list.InvokeAsync(ApiEvent.Load("list-images.json").As(_owner).ToJson())).Response;

        Assert.Equal(200, response.StatusCode);
        var ids = response.BodyJson.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal([second, first], ids);
    }

    [Fact]
    public async Task Update_function_applies_a_merge_patch_under_if_match_and_refuses_a_stale_etag_with_412()
    {
        var id = await UploadedImageAsync();
        var update = await FunctionAsync("update");

        var patched = (await update.InvokeAsync(ApiEvent.Load("update-image.json").As(_owner).ForImage(id).Header("if-match", "\"v1\"").ToJson())).Response;
        var stale = (await update.InvokeAsync(ApiEvent.Load("update-image.json").As(_owner).ForImage(id).Header("if-match", "\"v1\"").ToJson())).Response;

        Assert.True(patched.StatusCode == 200, patched.Body);
        Assert.Equal("Harbour at dusk", patched.BodyJson.GetProperty("title").GetString());
        Assert.Equal(["harbour", "dusk"], patched.BodyJson.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(2, patched.BodyJson.GetProperty("version").GetInt64());
        Assert.Equal("\"v2\"", patched.Headers["ETag"]);
        AssertProblem(stale, 412, "urn:imageservice:problem:precondition-failed");
    }

    [Fact]
    public async Task Delete_function_removes_the_image_and_the_get_function_then_answers_a_404_problem()
    {
        var id = await UploadedImageAsync();
        var delete = await FunctionAsync("delete");
        var get = await FunctionAsync("get");

        var deleted = (await delete.InvokeAsync(ApiEvent.Load("delete-image.json").As(_owner).ForImage(id).ToJson())).Response;
        var gone = (await get.InvokeAsync(ApiEvent.Load("get-image.json").As(_owner).ForImage(id).ToJson())).Response;

        Assert.Equal(204, deleted.StatusCode);
        AssertProblem(gone, 404, "urn:imageservice:problem:not-found");
    }

    [Fact]
    public async Task Transform_function_answers_the_rendered_png_as_a_base64_body()
    {
        var id = await UploadedImageAsync();
        var transform = await FunctionAsync("transform");

        var response = (await transform.InvokeAsync(ApiEvent.Load("transform-image.json").As(_owner).ForImage(id).ToJson())).Response;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("image/png", response.Headers["Content-Type"]);
        Assert.True(response.IsBase64Encoded, "an image must travel base64-encoded");
        // w=24 on a 48x32 image keeps the aspect ratio: 24x16.
        Assert.Equal((24, 16), TestPng.Dimensions(response.BodyBytes));
    }

    [Fact]
    public async Task Transform_function_refuses_malformed_parameters_with_a_400_problem_naming_them()
    {
        var id = await UploadedImageAsync();
        var transform = await FunctionAsync("transform");

        var response = (await transform.InvokeAsync(ApiEvent.Load("transform-image.json").As(_owner).ForImage(id).Query("w=0&f=bmp").ToJson())).Response;

        var problem = AssertProblem(response, 400, "urn:imageservice:problem:validation");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("w", fields);
        Assert.Contains("f", fields);
    }

    [Fact]
    public async Task Account_function_creates_the_callers_account_on_first_use()
    {
        var account = await FunctionAsync("account");

        var response = (await account.InvokeAsync(ApiEvent.Load("get-account.json").As(_owner).ToJson())).Response;

        Assert.Equal(200, response.StatusCode);
        var body = response.BodyJson;
        Assert.Equal(_owner, body.GetProperty("id").GetString());
        Assert.Matches("^pk_[0-9A-Za-z]{24}$", body.GetProperty("publicKey").GetString());
        Assert.Equal("free", body.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_function_serves_only_its_own_route_group()
    {
        var id = await UploadedImageAsync();
        var get = await FunctionAsync("get");

        var response = (await get.InvokeAsync(ApiEvent.Load("delete-image.json").As(_owner).ForImage(id).ToJson())).Response;

        Assert.True(response.StatusCode is 404 or 405, $"status {response.StatusCode}");
    }

    /// <summary>
    /// A handler exception, made the honest way: a metadata row the store cannot read (created_at beyond
    /// DateTimeOffset's range, as a hand-edited or damaged database holds), written into the shared SQLite file while
    /// the function runs. Reading it throws inside the GET handler; nothing in the API maps that exception.
    /// </summary>
    [Fact]
    public async Task A_handler_exception_is_a_500_problem_without_details_and_the_function_keeps_polling()
    {
        var id = await UploadedImageAsync();
        CorruptCreatedAt(id);
        var get = await FunctionAsync("get");

        var failed = await get.InvokeAsync(ApiEvent.Load("get-image.json").As(_owner).ForImage(id).ToJson());
        var next = await get.InvokeAsync(ApiEvent.Load("get-health.json").ToJson());

        Assert.Equal("response", failed.Kind); // a 500 answer, not a function error: API Gateway passes it on as is
        var problem = AssertProblem(failed.Response, 500, "urn:imageservice:problem:internal");
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("DateTimeOffset", failed.Response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Response.Body, StringComparison.Ordinal);
        Assert.Equal(200, next.Response.StatusCode);
        Assert.Equal("healthy", next.Response.BodyJson.GetProperty("status").GetString());
        Assert.False(get.HasExited, get.Output);
        Assert.Contains("Request failed with 500", get.Output, StringComparison.Ordinal);
    }

    private Task<NativeFunction> FunctionAsync(string handler) => native.FunctionAsync(handler);

    private async Task<PostedResponse> UploadAsync(byte[] png, string title)
    {
        using var form = new MultipartFormDataContent("----smokeboundary");
        form.Add(new StringContent(title), "title");
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "harbour.png");
        var body = await form.ReadAsByteArrayAsync();
        var upload = await FunctionAsync("upload");
        var evt = ApiEvent.Load("upload-image.json").As(_owner).Body(body, form.Headers.ContentType!.ToString());
        return (await upload.InvokeAsync(evt.ToJson())).Response;
    }

    private async Task<string> UploadedImageAsync(int seed = 0)
    {
        var response = await UploadAsync(TestPng.Gradient(Width, Height, seed), "Harbour");
        Assert.True(response.StatusCode == 201, response.Body);
        return response.BodyJson.GetProperty("id").GetString()!;
    }

    private void CorruptCreatedAt(string imageId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(native.DataDirectory, "metadata.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE images SET created_at = $ticks WHERE id = $id";
        command.Parameters.AddWithValue("$ticks", long.MaxValue);
        command.Parameters.AddWithValue("$id", imageId);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static JsonElement AssertProblem(PostedResponse response, int status, string type)
    {
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {response.Body}");
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        var problem = response.BodyJson;
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
