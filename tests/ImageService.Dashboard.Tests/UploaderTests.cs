using System.Net.Http;
using ImageService.Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Dashboard.Tests;

/// <summary>The inline limit in the test configuration is 1000 bytes.</summary>
public sealed class UploaderTests : DashboardTestContext
{
    [Fact]
    public async Task Small_files_go_inline_to_post_images_with_the_token()
    {
        await SignInAsync();
        var module = JSInterop.SetupModule("./js/upload.js");
        var send = module.Setup<string>("send", _ => true);
        send.SetResult("""{"status":201,"body":"{}"}""");
        var item = new UploadItem("small.jpg", 1000);

        await Services.GetRequiredService<Uploader>().UploadAsync(1, 0, item);

        var call = Assert.Single(module.Invocations, i => i.Identifier == "send");
        Assert.Equal("POST", call.Arguments[2]);
        Assert.Equal("https://api.example.test/images", call.Arguments[3]);
        Assert.Equal("token-of-alice", call.Arguments[6]);
        Assert.Equal(UploadState.Done, item.State);
    }

    [Fact]
    public async Task Large_files_take_the_presigned_flow_without_sending_the_token_to_storage()
    {
        await SignInAsync();
        Api.On(HttpMethod.Post, "/images/uploads", 201, """
            {"imageId":"01BIG","url":"https://storage.example.test/uploads/abc","method":"PUT","fields":{},"headers":{"Content-Type":"application/octet-stream"},
             "expiresAt":"2026-12-01T11:00:00Z","maxBytes":10485760,"complete":"https://api.example.test/images/01BIG/complete"}
            """);
        Api.On(HttpMethod.Post, "/images/01BIG/complete", 200, Image("01BIG"));
        var module = JSInterop.SetupModule("./js/upload.js");
        module.Setup<string>("send", _ => true).SetResult("""{"status":200,"body":""}""");
        var item = new UploadItem("big.jpg", 1001);

        await Services.GetRequiredService<Uploader>().UploadAsync(1, 0, item);

        var call = Assert.Single(module.Invocations, i => i.Identifier == "send");
        Assert.Equal("PUT", call.Arguments[2]);
        Assert.Equal("https://storage.example.test/uploads/abc", call.Arguments[3]);
        Assert.Null(call.Arguments[5]); // raw body, no form
        Assert.Null(call.Arguments[6]); // no bearer token to storage
        Assert.Equal("""{"title":"big","description":null,"albumId":null,"tags":null,"path":null}""", Assert.Single(Api.BodiesOf(HttpMethod.Post, "/images/uploads")));
        Assert.Single(Api.BodiesOf(HttpMethod.Post, "/images/01BIG/complete"));
        Assert.Equal(UploadState.Done, item.State);
    }

    [Fact]
    public async Task A_refused_upload_shows_the_apis_message()
    {
        await SignInAsync();
        var module = JSInterop.SetupModule("./js/upload.js");
        module.Setup<string>("send", _ => true).SetResult("""{"status":415,"body":"{\"type\":\"urn:imageservice:problem:unsupported-media-type\",\"status\":415,\"detail\":\"Not an image.\"}"}""");
        var item = new UploadItem("notes.txt", 10);

        await Services.GetRequiredService<Uploader>().UploadAsync(1, 0, item);

        Assert.Equal(UploadState.Failed, item.State);
        Assert.Equal("Not an image.", item.Error);
    }

    [Fact]
    public void Progress_reports_move_the_bar()
    {
        var item = new UploadItem("a.jpg", 2000);

        item.Report(500, 2000);

        Assert.Equal(25, item.Percent);
    }
}
