using System.Net;
using ImageService.Api.Auth;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Tests.Hardening;

/// <summary>The web server's limits, over real HTTP on Kestrel (TestServer enforces none of them). Timeouts are set to
/// a second here so each case ends in a few seconds; Kestrel checks them on its one-second heartbeat.</summary>
public sealed class HttpLimitsTests : IDisposable
{
    private readonly ImageServiceApp app = KestrelApp.Start(new()
    {
        ["HttpLimits:MaxRequestBodySize"] = "4096",
        ["HttpLimits:MaxRequestHeadersTotalSize"] = "8192",
        ["HttpLimits:MaxRequestLineSize"] = "2048",
        ["HttpLimits:KeepAliveTimeout"] = "00:00:01",
        ["HttpLimits:RequestHeadersTimeout"] = "00:00:01",
        ["HttpLimits:MinRequestBodyDataRate"] = "1000",
        ["HttpLimits:MinDataRateGracePeriod"] = "00:00:02",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Headers_over_the_total_size_are_refused_with_431()
    {
        var response = await RawHttp.SendAsync(app.Address(), "GET", "/health", $"X-Padding: {new string('a', 9000)}\r\n");

        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task More_header_fields_than_allowed_are_refused_with_431()
    {
        var fields = string.Concat(Enumerable.Range(0, 80).Select(i => $"X-Field-{i}: {i}\r\n"));

        var response = await RawHttp.SendAsync(app.Address(), "GET", "/health", fields);

        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task A_request_line_over_the_limit_is_refused_with_414()
    {
        var response = await RawHttp.SendAsync(app.Address(), "GET", "/health?pad=" + new string('a', 3000));

        Assert.Equal(414, response.Status);
    }

    [Fact]
    public async Task A_json_body_over_the_general_limit_is_413_too_large_while_uploads_keep_their_own_larger_limit()
    {
        using var client = app.CreateClient(user: "alice");
        var file = TestImages.Png(160, 160, seed: 5);
        Assert.True(file.Length > 4096, $"the test file must exceed the general limit ({file.Length} bytes)");

        using var uploaded = await client.UploadAsync(file);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var id = (await uploaded.JsonAsync()).GetProperty("id").GetString();
        var patch = $"{{\"description\":\"{new string('d', 5000)}\"}}";
        using var tooLarge = await client.PatchJsonAsync($"/images/{id}", patch);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("urn:imageservice:problem:too-large", (await tooLarge.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_client_that_sends_headers_too_slowly_is_disconnected_after_the_headers_timeout()
    {
        using var http = await RawHttp.ConnectAsync(app.Address());
        await http.WriteAsync("GET /health HTTP/1.1\r\nHost: localhost\r\n"); // never finishes the headers

        var (elapsed, received) = await http.TimeUntilClosedAsync(TimeSpan.FromSeconds(15));

        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.True(received.Length == 0 || RawResponse.Parse(received).Status == 408, received);
    }

    [Fact]
    public async Task A_client_that_trickles_a_body_below_the_minimum_rate_is_cut_off()
    {
        using var http = await RawHttp.ConnectAsync(app.Address());
        await http.WriteAsync($"POST /images HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {Token("slow")}\r\n"
            + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 3000\r\n\r\n");
        using var trickle = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            // 10 bytes per half second: 20 B/s, far below the 1000 B/s minimum.
            for (var i = 0; i < 60 && !trickle.IsCancellationRequested; i++)
            {
                try
                {
                    await http.WriteAsync("----------");
                    await Task.Delay(500, trickle.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
            }
        });

        var (elapsed, received) = await http.TimeUntilClosedAsync(TimeSpan.FromSeconds(20));
        await trickle.CancelAsync();
        await sender;

        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"still open after {elapsed}");
        Assert.True(received.Length == 0 || RawResponse.Parse(received).Status == 408, received);
    }

    [Fact]
    public async Task An_idle_keep_alive_connection_is_closed_after_the_keep_alive_timeout()
    {
        using var http = await RawHttp.ConnectAsync(app.Address());
        await http.WriteAsync("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");

        var (elapsed, received) = await http.TimeUntilClosedAsync(TimeSpan.FromSeconds(15));

        Assert.StartsWith("HTTP/1.1 200", received, StringComparison.Ordinal); // answered, then kept open until idle
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Answers_carry_no_server_banner()
    {
        var response = await RawHttp.SendAsync(app.Address(), "GET", "/health");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Server"));
    }

    [Theory]
    [InlineData("HttpLimits:MaxRequestHeaderCount", "2")]
    [InlineData("HttpLimits:MaxRequestBodySize", "10")]
    [InlineData("HttpLimits:KeepAliveTimeout", "01:00:00")]
    [InlineData("Cors:AllowedOrigins:0", "*")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.example.com/")]
    [InlineData("Cors:AllowedOrigins:0", "https://*.example.com")]
    [InlineData("Cors:AllowedOrigins:0", "app.example.com")]
    public void A_limit_or_origin_out_of_range_stops_the_start_naming_the_setting(string key, string value)
    {
        using var bad = new ImageServiceApp(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => bad.CreateClient());

        var section = key.Split(':')[0];
        Assert.Contains(failure.Failures, f => f.Contains(key.Split(':')[1], StringComparison.Ordinal) || f.Contains(section, StringComparison.Ordinal));
    }

    private static string Token(string user) => DevelopmentTokens.Create(ImageServiceApp.Auth, user);
}
