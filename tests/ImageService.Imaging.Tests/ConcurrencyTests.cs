using ImageService.Core.Imaging;

namespace ImageService.Imaging.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task ParallelTransformsOnOneProcessorGiveTheSameBytesAsSerialOnes()
    {
        var processor = new VipsImageProcessor(new ImagingOptions());
        using var image = TestImages.Quadrants(640, 480);
        var jpeg = TestImages.Save(image, "jpegsave_buffer");
        TransformSpec[] specs =
        [
            new() { Width = 200, Format = OutputFormat.Webp },
            new() { Width = 120, Height = 120, Gravity = Gravity.Smart },
            new() { Width = 300, Height = 100, Fit = FitMode.Contain, Format = OutputFormat.Png },
            new() { Height = 90, Rotate = 90, Flop = true },
        ];
        var serial = specs.Select(s => processor.Transform(jpeg, s, new TransformContext()).Bytes).ToArray();

        var parallel = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() =>
            (Index: i % specs.Length, Bytes: processor.Transform(jpeg, specs[i % specs.Length], new TransformContext()).Bytes))));

        Assert.All(parallel, r => Assert.Equal(serial[r.Index], r.Bytes));
    }

    [Fact]
    public void WithTheOperationCacheOnRepeatedInputsInMovedBuffersStillRenderCorrectly()
    {
        // The cache keeps loader operations that point at caller memory; a hit on such an entry would read a
        // buffer that is no longer pinned. Same bytes in fresh (movable) arrays, with compacting GCs in between,
        // must keep giving the same output.
        var processor = new VipsImageProcessor(new ImagingOptions { CacheMaxOperations = 100, CacheMaxMemoryBytes = 50L << 20, CacheMaxFiles = 20 });
        try
        {
            using var image = TestImages.Quadrants(120, 80);
            var jpeg = TestImages.Save(image, "jpegsave_buffer");
            var spec = new TransformSpec { Width = 60, Format = OutputFormat.Png };
            var expected = processor.Transform(jpeg.ToArray(), spec, new TransformContext()).Bytes;

            for (var i = 0; i < 30; i++)
            {
                var copy = jpeg.ToArray();
                _ = new byte[i * 1000];
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                Assert.Equal(expected, processor.Transform(copy, spec, new TransformContext()).Bytes);
                Array.Clear(copy);
            }
        }
        finally
        {
            _ = new VipsImageProcessor(new ImagingOptions());
        }
    }
}
