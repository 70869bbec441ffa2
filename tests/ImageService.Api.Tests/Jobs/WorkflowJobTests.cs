using System.Net;
using System.Text.Json;

namespace ImageService.Api.Tests.Jobs;

/// <summary>Workflow jobs against a fake provider made here: schema listing and parameter checks, a result stored as a
/// new image, and a provider outage (slow, then failing) that opens the circuit, keeps the job queued with a reason,
/// and, once the provider recovers and the circuit closes, completes it.</summary>
public sealed class WorkflowJobTests
{
    private static Dictionary<string, string?> ProviderSettings(FakeProvider provider) => new()
    {
        ["Workflows:Provider:BaseUrl"] = provider.BaseUrl,
        ["Workflows:Provider:ApiKey"] = "provider-key",
        ["Workflows:Provider:Timeout"] = "00:00:00.300",
        ["Workflows:Provider:Retries"] = "1",
        ["Workflows:Provider:RetryDelay"] = "00:00:00.010",
        ["Workflows:Provider:PollInterval"] = "00:00:00.020",
        ["Workflows:Provider:MinimumThroughput"] = "2",
        ["Workflows:Provider:FailureRatio"] = "0.5",
        ["Workflows:Provider:SamplingDuration"] = "00:00:30",
        ["Workflows:Provider:BreakDuration"] = "00:00:00.600",
        ["Workflows:Definitions:remove-background:Description"] = "Cut the subject out onto transparency.",
        ["Workflows:Definitions:remove-background:Parameters:threshold:Type"] = "number",
        ["Workflows:Definitions:remove-background:Parameters:threshold:Minimum"] = "0",
        ["Workflows:Definitions:remove-background:Parameters:threshold:Maximum"] = "1",
        ["Workflows:Definitions:remove-background:Parameters:mode:Type"] = "string",
        ["Workflows:Definitions:remove-background:Parameters:mode:Required"] = "true",
        ["Workflows:Definitions:remove-background:Parameters:mode:Enum:0"] = "fast",
        ["Workflows:Definitions:remove-background:Parameters:mode:Enum:1"] = "best",
        // The outage must outlast the attempts: deferrals while the circuit is open use none.
        ["Jobs:MaxAttempts"] = "10",
    };

    [Fact]
    public async Task Workflows_are_listed_with_their_parameter_schemas_and_parameters_are_checked()
    {
        await using var provider = await FakeProvider.StartAsync();
        using var app = new JobsTestApp(worker: false, settings: ProviderSettings(provider));
        var image = await app.UploadAsync("alice");
        using var client = app.Client("alice");

        using var list = await client.GetAsync("/workflows");
        var workflow = Assert.Single((await list.JsonAsync()).GetProperty("items").EnumerateArray());
        using var badEnum = await app.PostJobAsync("alice", $$$"""{"kind":"workflow","workflow":"remove-background","imageId":"{{{image}}}","parameters":{"mode":"slow"}}""");
        using var outOfRange = await app.PostJobAsync("alice", $$$"""{"kind":"workflow","workflow":"remove-background","imageId":"{{{image}}}","parameters":{"mode":"fast","threshold":2}}""");
        using var missing = await app.PostJobAsync("alice", $$$"""{"kind":"workflow","workflow":"remove-background","imageId":"{{{image}}}"}""");
        using var unknown = await app.PostJobAsync("alice", $$$"""{"kind":"workflow","workflow":"remove-background","imageId":"{{{image}}}","parameters":{"mode":"fast","color":"red"}}""");

        Assert.Equal("remove-background", workflow.GetProperty("name").GetString());
        var schema = workflow.GetProperty("parameters");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal(["mode"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["fast", "best"], schema.GetProperty("properties").GetProperty("mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, schema.GetProperty("properties").GetProperty("threshold").GetProperty("maximum").GetDouble());
        foreach (var (response, field) in new[] { (badEnum, "parameters.mode"), (outOfRange, "parameters.threshold"), (missing, "parameters.mode"), (unknown, "parameters.color") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task A_workflow_job_waits_out_a_provider_outage_queued_with_a_reason_and_completes_when_the_circuit_closes()
    {
        await using var provider = await FakeProvider.StartAsync();
        provider.Result = TestImages.Png(120, 80, alpha: true, seed: 7);
        provider.Mode = "slow";
        using var app = new JobsTestApp(settings: ProviderSettings(provider));
        var source = await app.UploadAsync("alice", albumId: "products");

        var started = await app.StartJobAsync("alice", $$$"""{"kind":"workflow","workflow":"remove-background","imageId":"{{{source}}}","parameters":{"mode":"best","threshold":0.4}}""");
        var id = started.GetProperty("id").GetString()!;
        // Slow, then failing: two failed calls open the circuit, and the job waits instead of failing.
        await Task.Delay(400);
        provider.Mode = "failing";
        var waiting = await app.WaitForJobAsync("alice", id, job => job.GetProperty("reason").ValueKind == JsonValueKind.String);
        Assert.Equal("queued", waiting.GetProperty("status").GetString());
        Assert.Contains("circuit breaker is open", waiting.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, waiting.GetProperty("failed").GetInt32());
        var callsWhileOpen = provider.Calls;
        await Task.Delay(300);
        Assert.True(provider.Calls - callsWhileOpen <= 2, "An open circuit lets at most a trial call through.");

        provider.Mode = "healthy";
        var job = await app.WaitForFinishAsync("alice", id);

        Assert.Equal(("succeeded", 1, 0), (job.GetProperty("status").GetString(), job.GetProperty("done").GetInt32(), job.GetProperty("failed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("reason").ValueKind);
        var resultId = Assert.Single(job.GetProperty("resultImageIds").EnumerateArray()).GetString()!;
        using var client = app.Client("alice");
        using var result = await client.GetAsync($"/images/{resultId}");
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var image = await result.JsonAsync();
        Assert.Equal(("products", 120, 80), (image.GetProperty("albumId").GetString(), image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        Assert.Contains(source, image.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(id, image.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("remove-background {\"mode\":\"best\",\"threshold\":0.4}", provider.Submissions);
        using var bobs = await app.Client("bob").GetAsync($"/images/{resultId}");
        Assert.Equal(HttpStatusCode.NotFound, bobs.StatusCode);
    }
}
