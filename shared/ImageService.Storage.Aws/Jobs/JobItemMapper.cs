using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Jobs;

namespace ImageService.Storage.Aws.Jobs;

/// <summary>Explicit AttributeValue mapping of jobs (no reflection: the assembly is trimmed).</summary>
internal static class JobItemMapper
{
    public static Dictionary<string, AttributeValue> ToItem(Job job)
    {
        var item = JobsTable.Key(JobsTable.OwnerKey(job.OwnerId), JobsTable.JobKey(job.Id));
        item["id"] = S(job.Id);
        item["ownerId"] = S(job.OwnerId);
        item["kind"] = S(job.Kind);
        item["status"] = S(JobStatuses.ToWire(job.Status));
        item["total"] = N(job.Total);
        item["done"] = N(0);
        item["failed"] = N(0);
        item["createdAt"] = N(job.CreatedAt.ToUnixTimeMilliseconds());
        item["variants"] = new AttributeValue { L = [.. job.Variants.Select(S)] };
        item["eager"] = new AttributeValue { BOOL = job.Eager };
        Optional(item, "reason", job.Reason);
        Optional(item, "callbackUrl", job.CallbackUrl);
        Optional(item, "workflow", job.Workflow);
        Optional(item, "imageId", job.ImageId);
        Optional(item, "parameters", job.ParametersJson);
        Optional(item, "albumId", job.AlbumId);
        if (job.FinishedAt is { } finished)
        {
            item["finishedAt"] = N(finished.ToUnixTimeMilliseconds());
        }
        return item;
    }

    public static Job FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        Id = item["id"].S,
        OwnerId = item["ownerId"].S,
        Kind = item["kind"].S,
        Status = JobStatuses.FromWire(item["status"].S),
        Reason = String(item, "reason"),
        Total = Int(item, "total"),
        Done = Int(item, "done"),
        Failed = Int(item, "failed"),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Long(item, "createdAt")),
        StartedAt = item.ContainsKey("startedAt") ? DateTimeOffset.FromUnixTimeMilliseconds(Long(item, "startedAt")) : null,
        FinishedAt = item.ContainsKey("finishedAt") ? DateTimeOffset.FromUnixTimeMilliseconds(Long(item, "finishedAt")) : null,
        CallbackUrl = String(item, "callbackUrl"),
        Variants = item.TryGetValue("variants", out var variants) && variants.L is { } list ? [.. list.Select(v => v.S)] : [],
        Workflow = String(item, "workflow"),
        ImageId = String(item, "imageId"),
        ParametersJson = String(item, "parameters"),
        AlbumId = String(item, "albumId"),
        Eager = item.TryGetValue("eager", out var eager) && eager.BOOL == true,
        ResultImageIds = item.TryGetValue("resultImageIds", out var results) && results.L is { } ids ? [.. ids.Select(v => v.S)] : [],
        Errors = item.TryGetValue("errors", out var errors) && errors.L is { } entries
            ? [.. entries.Select(e => new JobError(e.M["itemId"].S, e.M.TryGetValue("imageId", out var image) ? image.S : null, e.M["message"].S,
                DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(e.M["at"].N, CultureInfo.InvariantCulture))))]
            : [],
    };

    public static JobItemState StateOf(Dictionary<string, AttributeValue> job, string itemId) =>
        Contains(job, "doneItems", itemId) ? JobItemState.Done
        : Contains(job, "failedItems", itemId) ? JobItemState.Failed
        : JobItemState.Pending;

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static bool Contains(Dictionary<string, AttributeValue> item, string set, string value) =>
        item.TryGetValue(set, out var members) && members.SS is { } strings && strings.Contains(value);

    private static void Optional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    private static string? String(Dictionary<string, AttributeValue> item, string name) => item.TryGetValue(name, out var value) ? value.S : null;

    private static int Int(Dictionary<string, AttributeValue> item, string name) => (int)Long(item, name);

    private static long Long(Dictionary<string, AttributeValue> item, string name) => long.Parse(item[name].N, CultureInfo.InvariantCulture);
}
