using System.Net;
using ImageService.Api.Images;

namespace ImageService.Api.Tests;

public sealed class CrossOwnerTests(CrossOwnerTests.Fixture fixture) : IClassFixture<CrossOwnerTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public ImageServiceApp App { get; } = new();
        public ImageResponse AlicesImage { get; private set; } = null!;
        public PresignedUploadResponse AlicesUpload { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            using var alice = App.CreateClient(user: "alice");
            AlicesImage = await alice.UploadOkAsync(TestImages.Jpeg(100, 60), title: "private");
            using var started = await alice.PostAsync("/images/uploads", null);
            AlicesUpload = await started.ReadAsync<PresignedUploadResponse>();
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/original")]
    [InlineData("GET", "/display")]
    [InlineData("GET", "/thumbnail")]
    [InlineData("GET", "/content?w=10")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/complete")]
    public async Task Another_owners_image_is_404_on_every_route(string method, string suffix)
    {
        using var bob = fixture.App.CreateClient(user: "bob");
        var id = method == "POST" ? fixture.AlicesUpload.ImageId : fixture.AlicesImage.Id;
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/images/{id}{suffix}");
        if (method == "PATCH")
        {
            request.Content = new StringContent("""{"title":"mine now"}""", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await bob.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:imageservice:problem:not-found", (await response.ReadProblemAsync()).GetProperty("type").GetString());
        using var alice = fixture.App.CreateClient(user: "alice");
        using var stillThere = await alice.GetAsync($"/images/{fixture.AlicesImage.Id}");
        Assert.Equal("private", (await stillThere.ReadAsync<ImageResponse>()).Title);
    }

    [Fact]
    public async Task Another_owners_images_never_appear_in_a_listing()
    {
        using var bob = fixture.App.CreateClient(user: "bob");

        var page = await (await bob.GetAsync("/images")).ReadAsync<ImageListResponse>();

        Assert.Empty(page.Items);
    }
}
