using System.Text.Json;
using System.Text.RegularExpressions;
using ImageService.Api.Problems;
using ImageService.Api.Testing;

namespace ImageService.Api.Tests;

/// <summary>/openapi/v1.json as a client generator or the API reference reads it: every operation summarised, every
/// error response naming its problem types, and every type of the problem table documented here and in the README.</summary>
public sealed partial class OpenApiDocumentTests : IClassFixture<OpenApiDocumentTests.Document>
{
    private static readonly int[] SecuredErrors = [401, 403, 500, 503];

    // The contract, written out by hand: operation id -> the statuses it documents. Secured operations add SecuredErrors.
    private static readonly Dictionary<string, (bool Secured, int[] Statuses)> Expected = new(StringComparer.Ordinal)
    {
        ["UploadImage"] = (true, [201, 400, 409, 413, 415, 422, 429]),
        ["CreateUpload"] = (true, [201, 400, 409, 429]),
        ["CompleteUpload"] = (true, [200, 400, 404, 409, 413, 415, 422, 429]),
        ["ReceiveLocalUpload"] = (false, [204, 403, 404, 413, 500, 503]),
        ["ListImages"] = (true, [200, 400]),
        ["GetImage"] = (true, [200, 304, 404]),
        ["GetOriginal"] = (true, [200, 304, 404]),
        ["GetDisplay"] = (true, [200, 304, 404]),
        ["GetThumbnail"] = (true, [200, 304, 404]),
        ["GetContent"] = (true, [200, 304, 400, 404, 422]),
        ["UpdateImage"] = (true, [200, 400, 404, 409, 412]),
        ["DeleteImage"] = (true, [204, 404, 412]),
        ["GetAccount"] = (true, [200]),
        ["UpdateAccount"] = (true, [200, 400, 403, 409, 412]),
        ["CreateKey"] = (true, [201, 400, 409]),
        ["ListKeys"] = (true, [200]),
        ["RevokeKey"] = (true, [204, 404]),
        ["CreateSignedUrl"] = (true, [200, 400, 403, 404, 409]),
        ["GetCurrentUsage"] = (true, [200]),
        ["GetUsage"] = (true, [200, 400]),
        ["Health"] = (false, [200, 503]),
        ["Deliver"] = (false, [200, 302, 304, 400, 403, 404, 410, 422, 429, 500, 503]),
        ["DeliverOnCustomDomain"] = (false, [200, 302, 304, 400, 403, 404, 410, 422, 429, 500, 503]),
        ["GetLargeDeliveryResult"] = (false, [200, 404]),
    };

    private readonly Document document;

    public OpenApiDocumentTests(Document document) => this.document = document;

    [Fact]
    public void Every_operation_has_a_summary_a_success_response_and_its_documented_errors()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, operation) in document.Operations())
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{name} has a summary");
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            Assert.True(statuses.Any(s => s is >= 200 and < 400), $"{name} documents its success response");
            var operationId = operation.TryGetProperty("operationId", out var id) ? id.GetString() : null;
            if (operationId is not null && Expected.TryGetValue(operationId, out var expected))
            {
                seen.Add(operationId);
                var required = expected.Secured ? expected.Statuses.Concat(SecuredErrors) : expected.Statuses;
                var missing = required.Where(s => !statuses.Contains(s)).ToList();
                Assert.True(missing.Count == 0, $"{name} documents {string.Join(", ", missing)}");
            }
        }
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Operation_ids_are_unique_also_for_the_head_twins_of_delivery()
    {
        var ids = document.Operations().Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("DeliverHead", ids);
    }

    [Fact]
    public void Every_error_response_names_problem_types_of_its_status()
    {
        foreach (var (name, operation) in document.Operations())
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var types = TypesIn(response.Value.GetProperty("description").GetString());
                Assert.True(types.Count > 0, $"{name} {response.Name} names its problem types");
                Assert.All(types, type => Assert.Equal(response.Name, ProblemStatus(type)));
                Assert.True(response.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name} {response.Name} is problem+json");
            }
        }
    }

    [Fact]
    public void Every_problem_type_of_the_table_is_listed_by_the_document_and_the_readme()
    {
        var answered = document.Operations()
            .SelectMany(o => o.Operation.GetProperty("responses").EnumerateObject())
            .SelectMany(r => TypesIn(r.Value.TryGetProperty("description", out var d) ? d.GetString() : null).Select(t => (Type: t, Status: r.Name)))
            .ToHashSet();
        var overview = document.Root.GetProperty("info").GetProperty("description").GetString()!;
        var readme = File.ReadAllLines(Path.Combine(RepositoryPublish.RepositoryRoot(), "README.md"));

        Assert.NotEmpty(ProblemTypes.All);
        foreach (var kind in ProblemTypes.All)
        {
            var status = kind.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"| `{kind.Type}` | {status} |", overview, StringComparison.Ordinal);
            Assert.True(readme.Any(line => line.StartsWith($"| `{kind.Type}` | {status} |", StringComparison.Ordinal)), $"README lists {kind.Type} with {status}");
            // 405 is answered by routing for any path, not by an operation: the overview lists it.
            if (kind.Type != ProblemTypes.MethodNotAllowed)
            {
                Assert.True(answered.Contains((kind.Type, status)), $"some operation documents {kind.Type} under {status}");
            }
        }
    }

    private static List<string> TypesIn(string? description) =>
        description is null ? [] : ProblemType().Matches(description).Select(m => m.Value).ToList();

    private static string ProblemStatus(string type) =>
        (ProblemTypes.Find(type) ?? throw new Xunit.Sdk.XunitException($"{type} is not in the problem table")).Status
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("urn:imageservice:problem:[a-z0-9-]+")]
    private static partial Regex ProblemType();

    /// <summary>One app and one fetch of the document for the class.</summary>
    public sealed class Document : IAsyncLifetime
    {
        private JsonDocument? json;

        public JsonElement Root => json!.RootElement;

        public IEnumerable<(string Name, JsonElement Operation)> Operations() =>
            Root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
                .Where(m => m.Name is "get" or "put" or "post" or "patch" or "delete" or "head")
                .Select(m => ($"{m.Name.ToUpperInvariant()} {path.Name}", m.Value)));

        public async Task InitializeAsync()
        {
            using var app = new ImageServiceApp();
            using var client = app.CreateClient();
            json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        }

        public Task DisposeAsync()
        {
            json?.Dispose();
            return Task.CompletedTask;
        }
    }
}
