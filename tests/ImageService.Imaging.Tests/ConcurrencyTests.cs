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
}
