using System.Net;
using ImageService.Core.Storage;

namespace ImageService.Api.Tests.Hardening;

/// <summary>Found by the soak: a render in flight while its image was deleted stored its result after the delete had
/// removed the image's derived results, leaving bytes of a deleted image on disk.</summary>
public sealed class DeleteRaceTests
{
    [Fact]
    public async Task A_render_that_finishes_after_its_image_was_deleted_leaves_no_derived_result()
    {
        var store = new PausingDerivedWrites();
        using var app = new ImageServiceApp { WrapBlobStore = inner => store.Wrap(inner) };
        using var client = app.CreateClient(user: "racer");
        var image = await client.UploadOkAsync(TestImages.Jpeg(200, 100));

        var render = client.GetAsync(new Uri($"/images/{image.Id}/content?w=50&f=png", UriKind.Relative));
        await store.DerivedWriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using (var deleted = await client.DeleteAsync(new Uri($"/images/{image.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        store.Release.SetResult();
        using var rendered = await render;

        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode); // the request began before the delete
        Assert.DoesNotContain(app.StoredObjects(), o => o.Contains(image.Id, StringComparison.Ordinal));
    }

    private sealed class PausingDerivedWrites
    {
        public TaskCompletionSource DerivedWriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IBlobStore Wrap(IBlobStore inner) => new Store(inner, this);

        private sealed class Store(IBlobStore inner, PausingDerivedWrites gate) : ForwardingBlobStore(inner)
        {
            public override async Task PutAsync(string key, ReadOnlyMemory<byte> content, BlobWriteOptions options, CancellationToken cancellationToken = default)
            {
                if (key.StartsWith(BlobKeys.DerivedPrefix, StringComparison.Ordinal))
                {
                    gate.DerivedWriteStarted.TrySetResult();
                    await gate.Release.Task.WaitAsync(cancellationToken);
                }
                await Inner.PutAsync(key, content, options, cancellationToken);
            }
        }
    }
}
