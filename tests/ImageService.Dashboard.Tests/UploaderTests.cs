using System.Net.Http;
using ImageService.Dashboard.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Dashboard.Tests;

/// <summary>The inline limit in the test configuration is 1000 bytes.</summary>
public sealed class UploaderTests : DashboardTestContext
{
    [Fact]
    public async Task Small_files_go_inline_to_post_images_with_the_token()
    {
        SignIn();
        var item = new UploadItem("small.jpg", 1000);

        await Services.GetRequiredService<Uploader>().UploadAsync(1, 0, item);

        var send = Assert.Single(Uploads.Sends);
        Assert.Equal((1, 0, "POST", "https://api.example.test/images"), (send.Batch, send.Index, send.Method, send.Url));
        Assert.Equal("token-of-alice", send.Bearer);
        Assert.NotNull(send.Fields); // multipart, the file as "file"
        Assert.Empty(send.Fields);
        Assert.Equal(UploadState.Done, item.State);
    }

    [Fact]
    public async Task Large_files_take_the_presigned_flow_without_sending_the_token_to_storage()
    {
        SignIn();
        Api.On(HttpMethod.Post, "/images/uploads", 201, """
            {"imageId":"01BIG","url":"https://storage.example.test/uploads/abc","method":"PUT","fields":{},"headers":{"Content-Type":"application/octet-stream"},
             "expiresAt":"2026-12-01T11:00:00Z","maxBytes":10485760,"complete":"https://api.example.test/images/01BIG/complete"}
            """);
        Api.On(HttpMethod.Post, "/images/01BIG/complete", 200, Image("01BIG"));
        Uploads.Answer = new UploadAnswer(200, "");
        var item = new UploadItem("big.jpg", 1001);

        await Services.GetRequiredService<Uploader>().UploadAsync(1, 0, item);

        var send = Assert.Single(Uploads.Sends);
        Assert.Equal(("PUT", "https://storage.example.test/uploads/abc"), (send.Method, send.Url));
        Assert.Equal("application/octet-stream", send.Headers?["Content-Type"]);
        Assert.Null(send.Fields); // raw body, no form
        Assert.Null(send.Bearer); // no bearer token to storage
        Assert.Equal("""{"title":"big","description":null,"albumId":null,"tags":null,"path":null}""", Assert.Single(Api.BodiesOf(HttpMethod.Post, "/images/uploads")));
        Assert.Single(Api.BodiesOf(HttpMethod.Post, "/images/01BIG/complete"));
        Assert.Equal(UploadState.Done, item.State);
    }

    [Fact]
    public async Task A_presigned_post_sends_the_grants_fields_as_the_form()
    {
        SignIn();
        Api.On(HttpMethod.Post, "/images/uploads", 201, """
            {"imageId":"01S3","url":"https://bucket.example.test/","method":"POST","fields":{"key":"uploads/01S3","policy":"p"},"headers":{},
             "expiresAt":"2026-12-01T11:00:00Z","maxBytes":10485760,"complete":"/images/01S3/complete"}
            """);
        Api.On(HttpMethod.Post, "/images/01S3/complete", 200, Image("01S3"));
        Uploads.Answer = new UploadAnswer(204, "");
        var item = new UploadItem("s3.jpg", 5000);

        await Services.GetRequiredService<Uploader>().UploadAsync(2, 3, item);

        var send = Assert.Single(Uploads.Sends);
        Assert.Equal(("POST", "https://bucket.example.test/", 2, 3), (send.Method, send.Url, send.Batch, send.Index));
        Assert.Equal(new Dictionary<string, string> { ["key"] = "uploads/01S3", ["policy"] = "p" }, send.Fields);
        Assert.Null(send.Headers);
        Assert.Null(send.Bearer);
        Assert.Equal(UploadState.Done, item.State);
    }

    [Fact]
    public async Task A_refused_upload_shows_the_apis_message()
    {
        SignIn();
        Uploads.Answer = new UploadAnswer(415, """{"type":"urn:imageservice:problem:unsupported-media-type","status":415,"detail":"Not an image."}""");
        var item = new UploadItem("notes.txt", 10);

        await Services.GetRequiredService<Uploader>().UploadAsync(1, 0, item);

        Assert.Equal(UploadState.Failed, item.State);
        Assert.Equal("Not an image.", item.Error);
    }

    [Fact]
    public async Task An_upload_that_never_reached_the_server_says_so()
    {
        SignIn();
        Uploads.Answer = new UploadAnswer(0, "");
        var item = new UploadItem("a.jpg", 10);

        await Services.GetRequiredService<Uploader>().UploadAsync(1, 0, item);

        Assert.Equal(UploadState.Failed, item.State);
        Assert.Equal("The upload could not reach the server.", item.Error);
    }

    [Fact]
    public async Task The_transports_progress_moves_the_items_bar()
    {
        SignIn();
        var item = new UploadItem("a.jpg", 800); // inline
        var percents = new List<int>();
        item.Changed += () => percents.Add(item.Percent);

        await Services.GetRequiredService<Uploader>().UploadAsync(1, 0, item);

        // The fake reports 500 of 1000 bytes, then 1000 of 1000 (a multipart body is larger than the file: scaled).
        Assert.Equal([0, 50, 100, 100], percents);
    }

    [Fact]
    public void Progress_reports_move_the_bar()
    {
        var item = new UploadItem("a.jpg", 2000);

        item.Report(500, 2000);

        Assert.Equal(25, item.Percent);
    }
}
