using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImageService.Api.Accounts;
using ImageService.Api.Images;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageService.Api.Tests.Observability;

/// <summary>
/// A full API run (dev token, inline and presigned uploads, an API key, signed URL delivery, refused credentials and
/// a replayed upload URL) with every line the service logs captured as printed; then each secret, token, signature and
/// presigned URL the run used is looked for in every line. The service's own categories log at Trace, the
/// framework's at Information (stricter than the shipped appsettings, which keep Microsoft.AspNetCore at Warning).
/// </summary>
public sealed class LogSecretsTests : IDisposable
{
    private readonly FormattedLogCapture logs = new();
    private readonly ImageServiceApp app;

    public LogSecretsTests()
    {
        app = new ImageServiceApp(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Logging:LogLevel:ImageService"] = "Trace",
            ["Uploads:InlineMaxBytes"] = "20000",
        })
        {
            EnvironmentName = "Development",
            ConfigureServicesForTest = services => services.AddSingleton<ILoggerProvider>(logs),
        };
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task No_secret_token_signature_or_presigned_url_of_a_full_run_appears_in_any_log_line()
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal) { ["Auth:SigningKey"] = ImageServiceApp.SigningKey };
        using var owner = app.CreateClient(user: "log-secrets");
        var jwt = owner.DefaultRequestHeaders.Authorization!.Parameter!;
        secrets["development token"] = jwt;
        secrets["development token signature"] = jwt[(jwt.LastIndexOf('.') + 1)..];

        var inline = await owner.UploadOkAsync(TestImages.Jpeg(120, 80));

        using var start = await owner.PostAsync("/images/uploads", JsonContent.Create(new CreateUploadRequest { Title = "Big" }, ApiJsonContext.Default.CreateUploadRequest));
        var upload = await start.ReadAsync<PresignedUploadResponse>();
        var uploadPath = new Uri(upload.Url).PathAndQuery;
        secrets["presigned upload URL"] = upload.Url;
        secrets["presigned upload token"] = uploadPath[(uploadPath.LastIndexOf('/') + 1)..];
        using (var put = new HttpRequestMessage(HttpMethod.Put, uploadPath) { Content = new ByteArrayContent(TestImages.Jpeg(900, 700)) })
        {
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            foreach (var (name, value) in upload.Headers)
            {
                put.Headers.TryAddWithoutValidation(name, value);
            }
            using var sent = await app.CreateClient().SendAsync(put);
            Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        }
        using var complete = await owner.PostAsync(upload.Complete, null);
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);

        using var keyAnswer = await owner.PostAsync("/account/keys", new StringContent("""{"name":"server"}""", Encoding.UTF8, "application/json"));
        var secretKey = (await keyAnswer.JsonAsync()).GetProperty("secret").GetString()!;
        secrets["secret API key"] = secretKey;
        using var server = app.CreateClient();
        server.DefaultRequestHeaders.Add("X-API-Key", secretKey);
        using var byKey = await server.GetAsync("/server/account");
        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);

        using var signing = await owner.PostAsync("/account/signed-urls", new StringContent(
            $$"""{"image":"{{inline.Id}}","transform":{"w":60},"expiresInSeconds":600}""", Encoding.UTF8, "application/json"));
        var signedUrl = (await signing.JsonAsync()).GetProperty("url").GetString()!;
        var signature = signedUrl[(signedUrl.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        (secrets["signed URL"], secrets["URL signature"]) = (signedUrl, signature);
        using var browser = app.CreateClient();
        using var delivered = await browser.GetAsync(new Uri(signedUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);

        // Refusals log too: a tampered signature, a tampered token, a revoked-looking key, an upload URL replayed.
        using var tampered = await browser.GetAsync(new Uri(signedUrl).PathAndQuery.Replace("w=60", "w=61", StringComparison.Ordinal));
        using var badToken = app.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jwt[..^2] + "xx");
        using var refusedToken = await badToken.GetAsync("/images");
        using var badKey = app.CreateClient();
        badKey.DefaultRequestHeaders.Add("X-API-Key", secretKey[..^2] + "zz");
        using var refusedKey = await badKey.GetAsync("/server/account");
        using var replay = new HttpRequestMessage(HttpMethod.Put, uploadPath) { Content = new ByteArrayContent([1, 2, 3]) };
        using var replayed = await app.CreateClient().SendAsync(replay);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (tampered.StatusCode, refusedToken.StatusCode, refusedKey.StatusCode));

        var keyFile = Path.Combine(app.DataDirectory, "upload-signing.key");
        if (File.Exists(keyFile))
        {
            secrets["upload signing key"] = (await File.ReadAllTextAsync(keyFile)).Trim();
        }
        var lines = logs.Lines;
        Assert.NotEmpty(lines);
        var leaks = (from line in lines
                     from secret in secrets
                     where line.Contains(secret.Value, StringComparison.Ordinal)
                     select $"{secret.Key} in {line}").ToList();
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task Every_line_is_json_and_a_requests_lines_carry_its_request_trace_route_and_account()
    {
        using var owner = app.CreateClient(user: "log-fields");

        using var response = await owner.UploadAsync(TestImages.Jpeg(64, 40));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var parsed = logs.Lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.All(parsed, line =>
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", line.GetProperty("timestamp").GetString());
            Assert.Contains(line.GetProperty("level").GetString(), new[] { "Trace", "Debug", "Information", "Warning", "Error", "Critical" });
            Assert.Equal(JsonValueKind.String, line.GetProperty("message").ValueKind);
        });
        var stored = Assert.Single(parsed, l => l.GetProperty("message").GetString()!.StartsWith("Stored image", StringComparison.Ordinal));
        Assert.Equal("/images", stored.GetProperty("route").GetString());
        Assert.Equal("log-fields", stored.GetProperty("accountId").GetString());
        Assert.Matches("^[0-9a-f]{32}$", stored.GetProperty("traceId").GetString());
        Assert.Matches("^[0-9a-f]{16}$", stored.GetProperty("spanId").GetString());
        Assert.False(string.IsNullOrEmpty(stored.GetProperty("requestId").GetString()));
        Assert.Equal("log-fields", stored.GetProperty("state").GetProperty("OwnerId").GetString());
    }
}
