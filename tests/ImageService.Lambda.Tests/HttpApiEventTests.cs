using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageService.Lambda.Tests;

/// <summary>HTTP API 2.0 event fixtures sent through the fake Runtime API to an app in Lambda mode.</summary>
public sealed class HttpApiEventTests(LambdaHostFixture host) : IClassFixture<LambdaHostFixture>
{
    private FakeRuntimeApi Runtime => host.Runtime;

    [Fact]
    public async Task Get_with_query_and_cookies_reaches_the_app_with_raw_path_query_headers_and_cookie_header()
    {
        var outcome = await Runtime.InvokeAsync(Events.Load("get-query-cookies.json"));

        var response = outcome.Response;
        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        var echo = response.BodyJson;
        Assert.Equal("GET", echo.GetProperty("method").GetString());
        Assert.Equal("https", echo.GetProperty("scheme").GetString());
        Assert.Equal("HTTP/1.1", echo.GetProperty("protocol").GetString());
        Assert.Equal("a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com", echo.GetProperty("host").GetString());
        Assert.Equal("", echo.GetProperty("pathBase").GetString());
        Assert.Equal("/echo/albums/summer", echo.GetProperty("path").GetString());
        Assert.Equal("?tag=beach&tag=sunset&limit=10&q=caf%C3%A9", echo.GetProperty("queryString").GetString());
        Assert.Equal("/echo/albums/summer?tag=beach&tag=sunset&limit=10&q=caf%C3%A9", echo.GetProperty("rawTarget").GetString());
        var query = echo.GetProperty("query");
        Assert.Equal(["beach", "sunset"], query.GetProperty("tag").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("10", query.GetProperty("limit")[0].GetString());
        Assert.Equal("café", query.GetProperty("q")[0].GetString());
        var headers = echo.GetProperty("headers");
        Assert.Equal("first,second", headers.GetProperty("x-multi").GetString());
        Assert.Equal("en-GB,en;q=0.8", headers.GetProperty("accept-language").GetString());
        Assert.Equal("session=abc123; theme=dark", headers.GetProperty("cookie").GetString());
        Assert.Equal("abc123", echo.GetProperty("cookies").GetProperty("session").GetString());
        Assert.Equal("dark", echo.GetProperty("cookies").GetProperty("theme").GetString());
        Assert.Equal("198.51.100.7", echo.GetProperty("remoteIp").GetString());
        Assert.Equal("get-query-cookies", echo.GetProperty("traceIdentifier").GetString());
        Assert.Equal("", echo.GetProperty("body").GetString());
        Assert.False(echo.GetProperty("user").GetProperty("authenticated").GetBoolean());
    }

    [Fact]
    public async Task Base64_multipart_upload_arrives_as_the_original_bytes()
    {
        var outcome = await Runtime.InvokeAsync(Events.Load("post-multipart-base64.json"));

        var response = outcome.Response;
        Assert.Equal(200, response.StatusCode);
        var upload = response.BodyJson;
        Assert.Equal("Sunset over the bay", upload.GetProperty("title").GetString());
        Assert.Equal("bytes.bin", upload.GetProperty("fileName").GetString());
        Assert.Equal(256, upload.GetProperty("length").GetInt64());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(TestBytes.AllByteValues())), upload.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Binary_request_and_response_bodies_round_trip_byte_for_byte()
    {
        var sent = TestBytes.Image();
        var evt = JsonNode.Parse(Events.Load("get-query-cookies.json"))!;
        evt["requestContext"]!["http"]!["method"] = "PUT";
        evt["headers"]!["content-type"] = "application/octet-stream";
        evt["body"] = Convert.ToBase64String(sent);
        evt["isBase64Encoded"] = true;

        var echoed = (await Runtime.InvokeAsync(evt.ToJsonString())).Response.BodyJson;
        var image = (await Runtime.InvokeAsync(Events.Load("get-binary-image.json"))).Response;

        Assert.Equal("PUT", echoed.GetProperty("method").GetString());
        Assert.Equal(sent, Convert.FromBase64String(echoed.GetProperty("body").GetString()!));
        Assert.Equal(sent.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), echoed.GetProperty("headers").GetProperty("content-length").GetString());
        Assert.Equal(200, image.StatusCode);
        Assert.Equal("image/png", image.Headers["Content-Type"]);
        Assert.True(image.IsBase64Encoded);
        Assert.Equal(TestBytes.Image(), Convert.FromBase64String(image.Body));
    }

    [Theory]
    [InlineData("{\"name\":\"Ada\"}", "hello Ada")]
    [InlineData(null, "no body")]
    public async Task A_json_body_binds_to_an_optional_endpoint_parameter_and_its_absence_to_null(string? body, string expected)
    {
        var evt = JsonNode.Parse(Events.Load("get-query-cookies.json"))!;
        evt["rawPath"] = "/json-body";
        evt["rawQueryString"] = "";
        evt["requestContext"]!["http"]!["method"] = "POST";
        evt["headers"]!["content-type"] = "application/merge-patch+json";
        evt["body"] = body;

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.True(response.StatusCode == 200, response.Body);
        Assert.Equal(expected, response.Body);
    }

    [Fact]
    public async Task Head_answers_the_gets_headers_and_length_without_a_body()
    {
        var evt = JsonNode.Parse(Events.Load("get-binary-image.json"))!;
        evt["requestContext"]!["http"]!["method"] = "HEAD";

        var head = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.Equal(200, head.StatusCode);
        Assert.Equal("image/png", head.Headers["Content-Type"]);
        Assert.Equal(TestBytes.Image().Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Headers["Content-Length"]);
        Assert.Equal("", head.Body);
        Assert.False(head.IsBase64Encoded);
    }

    [Fact]
    public async Task Named_stage_prefix_becomes_the_path_base()
    {
        var echo = (await Runtime.InvokeAsync(Events.Load("stage-prefixed-path.json"))).Response.BodyJson;

        Assert.Equal("/prod", echo.GetProperty("pathBase").GetString());
        Assert.Equal("/echo/images/42", echo.GetProperty("path").GetString());
        Assert.Equal("?w=200", echo.GetProperty("queryString").GetString());
        Assert.Equal("/prod/echo/images/42?w=200", echo.GetProperty("rawTarget").GetString());
    }

    [Fact]
    public async Task Path_that_merely_starts_with_the_stage_name_is_not_split()
    {
        var evt = JsonNode.Parse(Events.Load("stage-prefixed-path.json"))!;
        evt["rawPath"] = "/echo/images/42";
        evt["requestContext"]!["stage"] = "ech";

        var echo = (await Runtime.InvokeAsync(evt.ToJsonString())).Response.BodyJson;

        // Stage "ech" is a prefix of "/echo" only as text, not as a path segment.
        Assert.Equal("", echo.GetProperty("pathBase").GetString());
        Assert.Equal("/echo/images/42", echo.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Authorizer_claims_become_an_authenticated_user_keeping_sub_as_sub()
    {
        var echo = (await Runtime.InvokeAsync(Events.Load("authorizer-claims.json"))).Response.BodyJson;

        var user = echo.GetProperty("user");
        Assert.True(user.GetProperty("authenticated").GetBoolean());
        Assert.Equal("ApiGatewayJwt", user.GetProperty("authenticationType").GetString());
        Assert.Equal("3f1c2a9e-4b7d-4e11-9a55-0c2f7e8d9b10", user.GetProperty("name").GetString());
        var claims = user.GetProperty("claims").EnumerateArray()
            .Select(c => (Type: c.GetProperty("type").GetString(), Value: c.GetProperty("value").GetString()))
            .ToList();
        Assert.Contains(("sub", "3f1c2a9e-4b7d-4e11-9a55-0c2f7e8d9b10"), claims);
        Assert.Contains(("username", "alice"), claims);
        Assert.Contains(("client_id", "5example0clientid"), claims);
        Assert.Contains(("scope", "images/read"), claims);
        Assert.Contains(("scope", "openid"), claims);
        Assert.DoesNotContain(claims, c => c.Type!.StartsWith("http://", StringComparison.Ordinal));
        Assert.All(
            user.GetProperty("claims").EnumerateArray(),
            c => Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example", c.GetProperty("issuer").GetString()));
    }

    [Fact]
    public async Task Non_string_claim_values_from_hand_made_events_are_kept()
    {
        var evt = JsonNode.Parse(Events.Load("authorizer-claims.json"))!;
        evt["requestContext"]!["authorizer"] = JsonNode.Parse("""
            { "jwt": { "claims": { "sub": "u-1", "exp": 1795323590, "email_verified": true, "groups": ["admins", "editors"] }, "scopes": null } }
            """);

        var claims = (await Runtime.InvokeAsync(evt.ToJsonString())).Response.BodyJson
            .GetProperty("user").GetProperty("claims").EnumerateArray()
            .Select(c => (c.GetProperty("type").GetString(), c.GetProperty("value").GetString()))
            .ToList();

        Assert.Contains(("exp", "1795323590"), claims);
        Assert.Contains(("email_verified", "true"), claims);
        Assert.Contains(("groups", "admins"), claims);
        Assert.Contains(("groups", "editors"), claims);
    }

    [Fact]
    public async Task Unhandled_exception_is_posted_as_a_500_problem_json_without_internals()
    {
        var outcome = await Runtime.InvokeAsync(Events.Load("unhandled-exception.json"));

        var response = outcome.Response;
        Assert.Equal(500, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        Assert.False(response.IsBase64Encoded);
        var problem = response.BodyJson;
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Equal("urn:imageservice:problem:internal", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal("unhandled-exception", problem.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("secret detail", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exception_after_the_body_started_still_yields_a_clean_500()
    {
        var evt = JsonNode.Parse(Events.Load("unhandled-exception.json"))!;
        evt["rawPath"] = "/throw-after-write";

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.Equal(500, response.StatusCode);
        Assert.DoesNotContain("partial output", response.Body, StringComparison.Ordinal);
        Assert.Equal(500, response.BodyJson.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("malformed-event.json")]
    [InlineData("not json at all")]
    [InlineData("""{"version":"2.0","rawPath":"/echo","requestContext":{"http":{"method":"GET"}},"body":"%%%","isBase64Encoded":true}""")]
    public async Task Malformed_event_is_posted_to_the_error_endpoint(string fixtureOrPayload)
    {
        var payload = fixtureOrPayload.EndsWith(".json", StringComparison.Ordinal) ? Events.Load(fixtureOrPayload) : fixtureOrPayload;

        var outcome = await Runtime.InvokeAsync(payload);

        Assert.Equal("error", outcome.Kind);
        Assert.Equal("Runtime.InvalidEvent", outcome.ErrorTypeHeader);
        Assert.Equal("Runtime.InvalidEvent", outcome.Json.GetProperty("errorType").GetString());
        Assert.False(string.IsNullOrWhiteSpace(outcome.Json.GetProperty("errorMessage").GetString()));
        // The server carries on with the next event.
        Assert.Equal(200, (await Runtime.InvokeAsync(Events.Load("get-binary-image.json"))).Response.StatusCode);
    }

    [Fact]
    public async Task Set_cookie_headers_become_the_cookies_array_and_repeated_headers_are_joined()
    {
        var evt = JsonNode.Parse(Events.Load("get-binary-image.json"))!;
        evt["rawPath"] = "/cookies";

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, response.Cookies.Count);
        Assert.StartsWith("session=s3cr3t", response.Cookies[0], StringComparison.Ordinal);
        Assert.Contains("httponly", response.Cookies[0], StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("theme=dark", response.Cookies[1], StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.Keys, k => k.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("one, two", response.Headers["X-Multi"]);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        Assert.False(response.IsBase64Encoded);
        Assert.Equal("cookies set", response.Body);
    }

    [Fact]
    public async Task OnStarting_callbacks_run_before_the_response_is_posted()
    {
        var evt = JsonNode.Parse(Events.Load("get-binary-image.json"))!;
        evt["rawPath"] = "/starting";

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.Equal("ran", response.Headers["X-Started-Hook"]);
        Assert.Equal("hello", response.Body);
    }

    [Fact]
    public async Task OnCompleted_work_finishes_after_the_response_and_before_the_next_poll()
    {
        var evt = JsonNode.Parse(Events.Load("get-binary-image.json"))!;
        evt["rawPath"] = "/completed";

        await Runtime.InvokeAsync(evt.ToJsonString());
        await Runtime.InvokeAsync(Events.Load("get-binary-image.json"));

        var timeline = Runtime.Timeline.ToList();
        var completed = timeline.LastIndexOf("on-completed");
        Assert.True(completed > 0, "the OnCompleted callback ran");
        Assert.StartsWith("response:", timeline[completed - 1], StringComparison.Ordinal);
        Assert.Equal("next", timeline[completed + 1]);
    }

    [Fact]
    public async Task Trace_id_and_invocation_details_are_visible_to_the_request()
    {
        const string trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";

        var echo = (await Runtime.InvokeAsync(Events.Load("get-query-cookies.json"), traceId: trace)).Response.BodyJson;

        Assert.Equal(trace, echo.GetProperty("traceEnvironment").GetString());
        var lambda = echo.GetProperty("lambda");
        Assert.Equal(trace, lambda.GetProperty("traceId").GetString());
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:images-get", lambda.GetProperty("invokedFunctionArn").GetString());
        Assert.True(Guid.TryParse(lambda.GetProperty("awsRequestId").GetString(), out _));
        Assert.True(lambda.GetProperty("deadline").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Logs_written_during_a_request_carry_the_aws_request_id()
    {
        var echo = (await Runtime.InvokeAsync(Events.Load("stage-prefixed-path.json"))).Response.BodyJson;
        var awsRequestId = echo.GetProperty("lambda").GetProperty("awsRequestId").GetString();

        var entry = Assert.Single(
            host.App.Logs.Entries,
            e => e.Category == "Echo" && e.Scope.GetValueOrDefault("AwsRequestId") == awsRequestId);
        Assert.Equal("Echoing GET /echo/images/42", entry.Message);
    }

    [Fact]
    public async Task RequestAborted_fires_when_the_invocation_deadline_passes()
    {
        var evt = JsonNode.Parse(Events.Load("get-binary-image.json"))!;
        evt["rawPath"] = "/deadline";

        var response = (await Runtime.InvokeAsync(evt.ToJsonString(), deadline: DateTimeOffset.UtcNow.AddMilliseconds(300))).Response;

        Assert.Equal(504, response.StatusCode);
        Assert.Equal("aborted at deadline", response.Body);
    }

    [Fact]
    public async Task Text_responses_travel_as_utf8_text()
    {
        var evt = JsonNode.Parse(Events.Load("get-query-cookies.json"))!;
        evt["rawPath"] = "/echo/ünïcode";

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.False(response.IsBase64Encoded);
        Assert.Equal("/echo/ünïcode", response.BodyJson.GetProperty("path").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(response.Body), response.BodyBytes.Length);
        Assert.Equal(JsonValueKind.Object, response.BodyJson.ValueKind);
    }
}
