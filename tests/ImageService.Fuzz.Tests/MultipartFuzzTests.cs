using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ImageService.Imaging;
using Xunit.Abstractions;

namespace ImageService.Fuzz.Tests;

/// <summary>
/// POST /images through the whole API with broken multipart bodies: damaged bytes, lying boundaries, odd field values
/// and file names, mutated images inside well-formed bodies. Every answer is below 500, and the catalogue stays
/// readable afterwards (each listed image's original can be fetched).
/// </summary>
[Collection(FuzzTargets.Name)]
public sealed class MultipartFuzzTests(ITestOutputHelper output)
{
    private static readonly FuzzBudget Budget = FuzzBudget.FromEnvironment(defaultSeconds: 12);

    [Fact]
    public async Task Broken_uploads_are_answered_below_500_and_leave_the_catalogue_consistent()
    {
        // business: its rate and quotas never refuse the fuzzer's own traffic.
        using var app = new ImageServiceApp(new() { ["Plans:DefaultPlanId"] = "business" });
        using var client = app.CreateClient(user: "fuzz");
        var seeds = Seeds.Create(new VipsImageProcessor());
        var statuses = new Dictionary<int, int>();

        var runs = Budget.Run("multipart", (random, i) =>
        {
            var (body, contentType) = Body(random, seeds[random.Next(seeds.Count)].Bytes);
            using var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = client.PostAsync(new Uri("/images", UriKind.Relative), content).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                var kept = Findings.Keep("multipart", i, Encoding.UTF8.GetBytes(contentType + "\n").Concat(body).ToArray());
                Assert.Fail($"{status}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()} (input kept in {kept})");
            }
        });

        output.WriteLine($"multipart: {runs} uploads; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        foreach (var id in await client.ListedIdsAsync())
        {
            using var original = await client.GetAsync(new Uri($"/images/{id}/original", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        }
    }

    [Fact]
    public async Task Every_kept_corpus_upload_is_answered_below_500()
    {
        using var app = new ImageServiceApp(new() { ["Plans:DefaultPlanId"] = "business" });
        using var client = app.CreateClient(user: "fuzz");
        foreach (var file in Findings.Corpus("multipart"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var newline = Array.IndexOf(bytes, (byte)'\n');
            using var content = new ByteArrayContent(bytes[(newline + 1)..]);
            content.Headers.TryAddWithoutValidation("Content-Type", Encoding.UTF8.GetString(bytes, 0, newline));
            using var response = await client.PostAsync(new Uri("/images", UriKind.Relative), content);
            Assert.True((int)response.StatusCode < 500, $"{Path.GetFileName(file)}: {(int)response.StatusCode}");
        }
    }

    /// <summary>A multipart body (and its Content-Type) that is well-formed, then damaged in one of several ways.</summary>
    private static (byte[] Body, string ContentType) Body(Random random, byte[] image)
    {
        var boundary = "fuzz" + random.Next(1_000_000);
        var file = random.Next(4) == 0 ? Mutations.Mutate(image, random) : image;
        var fields = new List<(string Name, string Value)>();
        foreach (var name in new[] { "title", "description", "tags", "albumId", "path" })
        {
            if (random.Next(3) == 0)
            {
                fields.Add((random.Next(10) == 0 ? Alphabet.Value(random) : name, Alphabet.Value(random)));
            }
        }
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (name, value) in fields)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }
        var fileName = random.Next(3) == 0 ? Alphabet.Value(random) : "photo.jpg";
        var fieldName = random.Next(12) == 0 ? Alphabet.Value(random) : "file";
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{fieldName}\"; filename=\"{fileName}\"\r\nContent-Type: {(random.Next(5) == 0 ? Alphabet.Value(random) : "image/jpeg")}\r\n\r\n");
        body.Write(file);
        Write($"\r\n--{boundary}--\r\n");
        var bytes = body.ToArray();

        var contentType = $"multipart/form-data; boundary={boundary}";
        switch (random.Next(6))
        {
            case 0:
                bytes = Mutations.Mutate(bytes, random);
                break;
            case 1:
                contentType = random.Next(4) switch
                {
                    0 => "multipart/form-data",
                    1 => $"multipart/form-data; boundary=\"{boundary}x\"",
                    2 => $"multipart/form-data; boundary={new string('b', 200 + random.Next(2000))}",
                    _ => Alphabet.Value(random),
                };
                break;
            case 2:
                bytes = bytes[..random.Next(bytes.Length)];
                break;
        }
        return (bytes, contentType);
    }
}
