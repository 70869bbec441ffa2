using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ImageService.Storage.Aws.Jobs;

/// <summary>
/// The jobs table (its own table, key <c>pk</c> + <c>sk</c>): a job is <c>OWNER#{owner}</c> / <c>JOB#{id}</c> (so a
/// query of the owner's partition, descending, lists jobs newest first: ids are time-ordered), its items are
/// <c>JOB#{id}</c> / <c>ITEM#{itemId}</c>. An item's state is not on the item: the job holds the string sets
/// <c>doneItems</c> and <c>failedItems</c>, and one conditional UpdateItem adds the id to a set and one to a counter
/// only if the id is in neither set — the exactly-once count without TransactWriteItems (which dynalite lacks).
/// The outbox is one partition, <c>OUTBOX</c> / <c>{kind}#{jobId}</c> (with the owner and the time): entries live for
/// the milliseconds between a write and its enqueue, so the partition stays small and one query reads it.
/// </summary>
internal static class JobsTable
{
    public const string Pk = "pk";
    public const string Sk = "sk";

    public static string OwnerKey(string ownerId) => "OWNER#" + ownerId;

    public static string JobKey(string jobId) => "JOB#" + jobId;

    public static string ItemKey(string itemId) => "ITEM#" + itemId;

    public const string OutboxPartition = "OUTBOX";

    public static string OutboxKey(Core.Jobs.JobOutboxKind kind, string jobId) =>
        (kind == Core.Jobs.JobOutboxKind.Items ? "ITEMS#" : "CALLBACK#") + jobId;

    public static Dictionary<string, AttributeValue> Key(string pk, string sk) => new()
    {
        [Pk] = new AttributeValue { S = pk },
        [Sk] = new AttributeValue { S = sk },
    };

    public static CreateTableRequest Definition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new AttributeDefinition(Pk, ScalarAttributeType.S), new AttributeDefinition(Sk, ScalarAttributeType.S)],
        KeySchema = [new KeySchemaElement(Pk, KeyType.HASH), new KeySchemaElement(Sk, KeyType.RANGE)],
    };
}
