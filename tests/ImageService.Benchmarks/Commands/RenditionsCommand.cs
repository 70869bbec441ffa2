using System.Diagnostics;
using ImageService.Benchmarks.Harness;
using ImageService.Imaging;
using NetVips;
using VipsImage = NetVips.Image;

namespace ImageService.Benchmarks.Commands;

/// <summary>
/// <c>renditions</c> (issue 10, item 7): the upload's image work (<see cref="VipsImageProcessor.ProcessUpload"/>:
/// display WebP &lt;= 2048 px and 400 px thumbnail) on the 2560x1600 photos at each libwebp effort, to pick
/// <see cref="ImagingOptions.RenditionWebpEffort"/> by time against size. Quality: PSNR of the decoded display
/// against the same resize left unencoded (libvips thumbnail, sRGB), averaged over the photos. The efforts take
/// turns pass by pass so the machine's other load falls on all of them.
/// </summary>
internal sealed class RenditionsCommand : IBenchmarkCommand
{
    public string Name => "renditions";

    public string Usage => "renditions [--efforts 0,1,2,3,4,5,6] [--passes 5] [--photos DIR] [--vips-threads N]   upload renditions: time, size and PSNR per WebP effort";

    public int Run(BenchmarkArguments arguments)
    {
        var photos = PhotoDirectory.Resolve(arguments.Text("photos"));
        var efforts = arguments.Integers("efforts", [0, 1, 2, 3, 4, 5, 6]);
        var passes = arguments.Integer("passes", 5);
        // The service's default: libvips threads = processor count (ImagingOptions.Concurrency unset).
        var threads = arguments.Integer("vips-threads", Environment.ProcessorCount);
        arguments.RejectUnknown();
        if (efforts.Count == 0 || efforts.Any(e => e is < 0 or > 6) || passes < 1 || threads < 1)
        {
            throw new BenchmarkUsageException("--efforts takes values 0..6; --passes and --vips-threads at least 1");
        }

        var inputs = Directory.EnumerateFiles(photos, "*-2560x1600.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var processors = efforts.ToDictionary(e => e, e => new VipsImageProcessor(new ImagingOptions { Concurrency = threads, RenditionWebpEffort = e }));
        var references = inputs.Select(Reference).ToList();
        var results = efforts.ToDictionary(e => e, _ => new EffortResult());

        foreach (var processor in processors.Values)
        {
            processor.ProcessUpload(inputs[0]); // warm-up: JIT, libvips' first use of each operation
        }

        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var effort in efforts.Skip(pass % efforts.Count).Concat(efforts.Take(pass % efforts.Count)))
            {
                var result = results[effort];
                for (var i = 0; i < inputs.Count; i++)
                {
                    var cpuBefore = Environment.CpuUsage.TotalTime;
                    var clock = Stopwatch.StartNew();
                    var upload = processors[effort].ProcessUpload(inputs[i]);
                    result.WallMs.Add(clock.Elapsed.TotalMilliseconds);
                    result.CpuMs += (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
                    if (pass == 0)
                    {
                        result.DisplayBytes += upload.Display.Bytes.Length;
                        result.ThumbnailBytes += upload.Thumbnail.Bytes.Length;
                        result.Psnr += Psnr(upload.Display.Bytes, references[i]);
                    }
                }
            }
        }

        foreach (var reference in references)
        {
            reference.Dispose();
        }

        Console.WriteLine($"renditions: {MachineInfo.Describe()}; libvips {VipsImageProcessor.LibvipsVersion}, {threads} libvips thread(s)");
        Console.WriteLine(Invariant.Format($"{inputs.Count} photos (2560x1600 JPEG) x {passes} passes per effort; ms per upload's renditions (display 2048 px + 400 px thumbnail, WebP q80)"));
        Console.WriteLine();
        Console.WriteLine("| effort | median ms | p95 ms | CPU ms | display KB | thumbnail KB | display PSNR dB | time vs 4 | size vs 4 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var baseline = results.GetValueOrDefault(4);
        foreach (var effort in efforts.Order())
        {
            var r = results[effort];
            var n = inputs.Count;
            var time = baseline is null ? "-" : Invariant.Format($"{r.Median / baseline.Median:0.00}");
            var size = baseline is null ? "-" : Invariant.Format($"{(double)(r.DisplayBytes + r.ThumbnailBytes) / (baseline.DisplayBytes + baseline.ThumbnailBytes):0.000}");
            Console.WriteLine(Invariant.Format(
                $"| {effort} | {r.Median:0.0} | {r.Percentile(95):0.0} | {r.CpuMs / r.WallMs.Count:0.0} | {r.DisplayBytes / 1024.0 / n:0.0} | {r.ThumbnailBytes / 1024.0 / n:0.0} | {r.Psnr / n:0.00} | {time} | {size} |"));
        }

        Console.WriteLine();
        Console.WriteLine("at the end: " + MachineInfo.LoadAverage());
        return 0;
    }

    /// <summary>The display resize without encoding: what a perfect encoder would reproduce.</summary>
    private static VipsImage Reference(byte[] jpeg)
    {
        bool hasProfile;
        using (var header = VipsImage.NewFromBuffer(jpeg, access: Enums.Access.Sequential))
        {
            hasProfile = header.Contains("icc-profile-data");
        }

        using var thumbnail = VipsImage.ThumbnailBuffer(jpeg, 2048, height: 2048, size: Enums.Size.Down,
            outputProfile: hasProfile ? "srgb" : null, intent: Enums.Intent.Perceptual);
        return thumbnail.CopyMemory();
    }

    private static double Psnr(byte[] webp, VipsImage reference)
    {
        using var decoded = VipsImage.NewFromBuffer(webp);
        using var difference = decoded.Cast(Enums.BandFormat.Float) - reference.Cast(Enums.BandFormat.Float);
        using var squared = difference * difference;
        var mse = squared.Avg();
        return 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    private sealed class EffortResult
    {
        public List<double> WallMs { get; } = [];

        public double CpuMs { get; set; }

        public long DisplayBytes { get; set; }

        public long ThumbnailBytes { get; set; }

        public double Psnr { get; set; }

        public double Median => Percentile(50);

        public double Percentile(int p)
        {
            var sorted = WallMs.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }
}
