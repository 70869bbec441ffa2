using System.Globalization;
using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Rows;
using ImageService.Core.Imaging;
using ImageService.Imaging;
using ImageService.Imaging.Interop;

namespace ImageService.Benchmarks.Commands;

// TEMPORARY investigation (to be deleted): engine Transform vs jpegload_buffer(shrink like sharp) + thumbnail_image.
internal sealed class XShrinkExperiment : IBenchmarkCommand
{
    public string Name => "x-shrink";

    public string Usage => "x-shrink";

    public int Run(BenchmarkArguments arguments)
    {
        var settings = EngineSettings.From(arguments);
        var rows = PhotoRows.Select(arguments.Words("rows").ToList());
        var rounds = arguments.Integer("rounds", 3);
        arguments.RejectUnknown();
        var engine = new EngineUnderTest(settings);
        foreach (var row in rows)
        {
            var inputs = row.Files(settings.Photos).Select(File.ReadAllBytes).ToList();
            var a = engine.OperationFor(row);
            Func<ReadOnlyMemory<byte>, RenderedImage> b = source => Alternative(source, row.Spec);
            var ra = new List<Measurement>();
            var rb = new List<Measurement>();
            for (var i = 0; i < rounds; i++)
            {
                ra.Add(ThroughputLoop.Run(inputs, a, 1, TimeSpan.Zero, inputs.Count));
                rb.Add(ThroughputLoop.Run(inputs, b, 1, TimeSpan.Zero, inputs.Count));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Id}: engine {ra.Sum(m => m.CpuSeconds) * 1000 / ra.Sum(m => m.Ops):0.0} ms CPU/op {ra.Sum(m => m.OutputBytes) / ra.Sum(m => m.Ops) / 1024.0:0.0} KB; shrink-like-sharp {rb.Sum(m => m.CpuSeconds) * 1000 / rb.Sum(m => m.Ops):0.0} ms CPU/op {rb.Sum(m => m.OutputBytes) / rb.Sum(m => m.Ops) / 1024.0:0.0} KB {rb[0].Width}x{rb[0].Height}"));
        }

        return 0;
    }

    private static RenderedImage Alternative(ReadOnlyMemory<byte> source, TransformSpec spec)
    {
        using var pinned = PinnedSource.Pin(source);
        int width;
        using (var header = ImageOps.LoadHeader(pinned, "jpeg"))
        {
            width = VipsImageNative.VipsImageGetWidth(header);
        }

        var shrink = (double)width / spec.Width!.Value;
        var factor = shrink >= 8 ? 8 : shrink >= 4 ? 4 : shrink >= 2 ? 2 : 1;
        if (factor > 1 && (int)shrink == factor)
        {
            factor /= 2;
        }

        using var load = VipsOperation.Create("jpegload_buffer").Set("buffer", pinned.Blob).Set("access", "sequential")
            .Set("fail_on", "truncated").Set("shrink", factor).Build();
        using var chain = new ImageChain(load.GetImage("out"));
        chain.Then(image => ImageOps.ThumbnailImage(image, spec.Width.Value, 100000));
        ImageOps.ToSrgb8(chain);
        var format = spec.Format.ToString().ToLowerInvariant();
        var bytes = Encoder.Save(chain, format, spec.Quality);
        return new RenderedImage(bytes, format, "", chain.Width, chain.Height);
    }
}
