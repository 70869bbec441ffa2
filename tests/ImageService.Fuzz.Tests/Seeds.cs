using System.IO.Compression;
using ImageService.Core.Imaging;
using ImageService.Imaging;
using ImageService.Tests.Shared;

namespace ImageService.Fuzz.Tests;

/// <summary>Valid files to mutate: small images of every output format made by the engine from a PNG written here,
/// plus, when <c>.photos/</c> exists at the repository root (<c>../shared/scripts/fetch-photos.sh .photos</c>, as the
/// benchmarks use), real photographs re-encoded at 480 px so each iteration stays fast.</summary>
internal static class Seeds
{
    public static IReadOnlyList<(string Name, byte[] Bytes)> Create(VipsImageProcessor engine)
    {
        var png = Png(48, 32);
        var seeds = new List<(string, byte[])> { ("png", png), ("png-alpha", Png(24, 24, alpha: true)) };
        foreach (var format in new[] { "jpeg", "webp", "gif", "avif" })
        {
            seeds.Add((format, Render(engine, png, $"f={format}")));
        }
        var photos = Path.Combine(RepositoryRoot(), ".photos");
        if (Directory.Exists(photos))
        {
            foreach (var photo in Directory.EnumerateFiles(photos, "*-2560x1600.jpg").Order().Take(3))
            {
                var bytes = File.ReadAllBytes(photo);
                seeds.Add((Path.GetFileName(photo), Render(engine, bytes, "w=480&f=jpeg")));
                seeds.Add((Path.GetFileName(photo) + ".webp", Render(engine, bytes, "w=320&f=webp")));
            }
        }
        return seeds;
    }

    public static TransformSpec Spec(string query)
    {
        var parameters = query.Split('&').Select(p => p.Split('=')).Select(kv => new KeyValuePair<string, string?>(kv[0], kv[1]));
        return TransformSpec.TryParse(parameters, out var spec, out _) ? spec : throw new ArgumentException(query);
    }

    private static byte[] Render(VipsImageProcessor engine, byte[] source, string query) =>
        engine.Transform(source, Spec(query), new TransformContext()).Bytes;

    private static byte[] Png(int width, int height, bool alpha = false)
    {
        var channels = alpha ? 4 : 3;
        var raw = new byte[height * (1 + width * channels)];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            raw[i++] = 0;
            for (var x = 0; x < width * channels; x++)
            {
                raw[i++] = (byte)((x * 7) ^ (y * 13));
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        return PngFiles.Build(width, height, alpha ? (byte)6 : (byte)2, compressed.ToArray());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ImageService.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
