using ImageService.Infra.Tests.Support;

namespace ImageService.Infra.Tests;

/// <summary>Each route group's role, statement by statement: exactly what its handlers call, nothing more.</summary>
[Collection(SynthCollection.Name)]
public sealed class FunctionPermissionTests(DevTemplate stack)
{
    private readonly Dictionary<string, string> _aliases = new()
    {
        [stack.Json.ImagesTableId()] = "Table",
        [stack.Json.AccountsTableId()] = "Accounts",
        [stack.Json.ImageBucketId()] = "Bucket",
        [stack.Json.LogBucketId()] = "LogBucket",
        [stack.Json.SingleIdOfType("AWS::CloudFront::Distribution")] = "Distribution",
        [stack.Json.TableIdWithPartitionKey("pk")] = "Jobs",
        [stack.Json.OfType("AWS::SQS::Queue").Single(q => q.Id.StartsWith("JobsQueue", StringComparison.Ordinal)).Id] = "Queue",
        [stack.Json.OfType("AWS::SQS::Queue").Single(q => q.Id.StartsWith("JobsDeadLetters", StringComparison.Ordinal)).Id] = "DeadLetters",
        [stack.Json.OfType("AWS::SecretsManager::Secret").Single(s => s.Id.StartsWith("JobsProviderApiKey", StringComparison.Ordinal)).Id] = "ProviderApiKey",
    };

    private SortedSet<string> Permissions(string handler) => stack.Json.PermissionsOf(handler, _aliases);

    [Fact]
    public void Every_function_has_a_role_of_its_own()
    {
        var roles = stack.Json.ServiceFunctions().Select(f => stack.Json.ReferencedIds(f.Properties["Role"]!).Single()).ToList();

        Assert.Equal(11, roles.Distinct().Count());
    }

    [Fact]
    public void Log_ingest_reads_only_log_objects_and_writes_only_account_items()
    {
        Assert.Equal(
            [
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:PutItem {Accounts.Arn}",
                "Allow dynamodb:UpdateItem {Accounts.Arn}",
                "Allow s3:GetObject {LogBucket.Arn}/cdn/*",
            ],
            Permissions("cdnlogs"));
    }

    [Fact]
    public void Upload_writes_records_and_originals_and_handles_only_its_own_pending_uploads()
    {
        Assert.Equal(
            [
                "Allow dynamodb:BatchWriteItem {Jobs.Arn}",
                "Allow dynamodb:DeleteItem {Jobs.Arn}",
                "Allow dynamodb:DeleteItem {Table.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:PutItem {Jobs.Arn}",
                "Allow dynamodb:PutItem {Table.Arn}",
                "Allow dynamodb:Query {Accounts.Arn}",
                "Allow dynamodb:UpdateItem {Table.Arn}",
                "Allow s3:DeleteObject {Bucket.Arn}/uploads/*",
                "Allow s3:GetObject {Bucket.Arn}/uploads/*",
                "Allow s3:PutObject {Bucket.Arn}/originals/*",
                "Allow s3:PutObject {Bucket.Arn}/renditions/*",
                "Allow s3:PutObject {Bucket.Arn}/uploads/*",
                "Allow sqs:GetQueueAttributes {Queue.Arn}",
                "Allow sqs:GetQueueUrl {Queue.Arn}",
                "Allow sqs:SendMessage {Queue.Arn}",
            ],
            Permissions("upload"));
    }

    [Fact]
    public void Get_reads_records_and_objects_but_cannot_write_anything()
    {
        var permissions = Permissions("get");

        Assert.Equal(
            [
                "Allow dynamodb:DescribeTable {Table.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:Query {Table.Arn}",
                "Allow dynamodb:Query {Table.Arn}/index/*",
                "Allow s3:GetObject {Bucket.Arn}/originals/*",
                "Allow s3:GetObject {Bucket.Arn}/renditions/*",
            ],
            permissions);
        Assert.DoesNotContain(permissions, p => p.Contains("Put", StringComparison.Ordinal)
            || p.Contains("Update", StringComparison.Ordinal) || p.Contains("Delete", StringComparison.Ordinal));
    }

    [Fact]
    public void List_can_only_query_and_read_api_key_lookups_and_cannot_read_objects()
    {
        var permissions = Permissions("list");

        Assert.Equal(["Allow dynamodb:GetItem {Accounts.Arn}", "Allow dynamodb:Query {Table.Arn}", "Allow dynamodb:Query {Table.Arn}/index/*"], permissions);
        Assert.DoesNotContain(permissions, p => p.Contains("s3:", StringComparison.Ordinal));
    }

    [Fact]
    public void Update_changes_records_reads_the_account_and_may_purge_a_moved_path_but_never_touches_objects()
    {
        Assert.Equal(
            [
                "Allow cloudfront:CreateInvalidation arn:{AWS::Partition}:cloudfront::{AWS::AccountId}:distribution/{Distribution}",
                "Allow dynamodb:DeleteItem {Table.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:PutItem {Table.Arn}",
                "Allow dynamodb:UpdateItem {Table.Arn}",
            ],
            Permissions("update"));
    }

    [Fact]
    public void Delete_removes_records_and_every_prefix_an_image_owns_and_may_invalidate_the_distribution()
    {
        Assert.Equal(
            [
                "Allow cloudfront:CreateInvalidation arn:{AWS::Partition}:cloudfront::{AWS::AccountId}:distribution/{Distribution}",
                "Allow dynamodb:DeleteItem {Table.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow s3:DeleteObject {Bucket.Arn}/derived/*",
                "Allow s3:DeleteObject {Bucket.Arn}/originals/*",
                "Allow s3:DeleteObject {Bucket.Arn}/renditions/*",
                "Allow s3:DeleteObject {Bucket.Arn}/uploads/*",
                "Allow s3:ListBucket {Bucket.Arn} if {StringLike:{s3:prefix:[derived/*]}}",
            ],
            Permissions("delete"));
    }

    [Fact]
    public void Transform_reads_originals_and_derived_results_stores_only_derived_results_and_counts_usage()
    {
        Assert.Equal(
            [
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:UpdateItem {Accounts.Arn}",
                "Allow s3:GetObject {Bucket.Arn}/derived/*",
                "Allow s3:GetObject {Bucket.Arn}/originals/*",
                "Allow s3:PutObject {Bucket.Arn}/derived/*",
            ],
            Permissions("transform"));
    }

    [Fact]
    public void Account_manages_account_items_reads_image_records_and_only_removes_derived_results_of_a_changed_variant()
    {
        Assert.Equal(
            [
                "Allow cloudfront:CreateInvalidation arn:{AWS::Partition}:cloudfront::{AWS::AccountId}:distribution/{Distribution}",
                "Allow dynamodb:DeleteItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:PutItem {Accounts.Arn}",
                "Allow dynamodb:Query {Accounts.Arn}",
                "Allow dynamodb:Query {Table.Arn}",
                "Allow dynamodb:Query {Table.Arn}/index/*",
                "Allow dynamodb:UpdateItem {Accounts.Arn}",
                "Allow s3:DeleteObject {Bucket.Arn}/derived/*",
            ],
            Permissions("account"));
    }

    [Fact]
    public void Billing_works_only_on_account_items_and_touches_no_images_or_objects()
    {
        Assert.Equal(
            [
                "Allow dynamodb:DeleteItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:PutItem {Accounts.Arn}",
                "Allow dynamodb:Query {Accounts.Arn}",
                "Allow dynamodb:UpdateItem {Accounts.Arn}",
            ],
            Permissions("billing"));
    }

    [Fact]
    public void Only_the_update_delete_and_account_functions_may_invalidate_the_cdn()
    {
        var invalidating = new[] { "upload", "get", "list", "update", "delete", "transform", "account", "billing" }
            .Where(h => Permissions(h).Any(p => p.Contains("cloudfront:", StringComparison.Ordinal)));

        Assert.Equal(["update", "delete", "account"], invalidating);
    }

    [Fact]
    public void No_function_holds_a_wildcard_action_or_a_whole_bucket_object_grant()
    {
        var all = new[] { "upload", "get", "list", "update", "delete", "transform", "account", "billing" }.SelectMany(Permissions).ToList();

        Assert.DoesNotContain(all, p => p.Split(' ')[1].Contains('*', StringComparison.Ordinal));
        Assert.DoesNotContain(all, p => p.EndsWith("{Bucket.Arn}/*", StringComparison.Ordinal));
    }

    [Fact]
    public void Jobs_starts_reads_and_cancels_jobs_and_only_sends_to_the_queue()
    {
        Assert.Equal(
            [
                "Allow dynamodb:BatchWriteItem {Jobs.Arn}",
                "Allow dynamodb:DeleteItem {Jobs.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Jobs.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:PutItem {Jobs.Arn}",
                "Allow dynamodb:Query {Accounts.Arn}",
                "Allow dynamodb:Query {Jobs.Arn}",
                "Allow dynamodb:Query {Table.Arn}",
                "Allow dynamodb:Query {Table.Arn}/index/*",
                "Allow dynamodb:UpdateItem {Jobs.Arn}",
                "Allow sqs:GetQueueAttributes {Queue.Arn}",
                "Allow sqs:GetQueueUrl {Queue.Arn}",
                "Allow sqs:SendMessage {Queue.Arn}",
            ],
            Permissions("jobs"));
    }

    [Fact]
    public void Worker_consumes_the_queue_dead_letters_and_writes_only_results_it_renders_or_receives()
    {
        Assert.Equal(
            [
                "Allow dynamodb:DeleteItem {Jobs.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Jobs.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:PutItem {Jobs.Arn}",
                "Allow dynamodb:PutItem {Table.Arn}",
                "Allow dynamodb:Query {Accounts.Arn}",
                "Allow dynamodb:Query {Jobs.Arn}",
                "Allow dynamodb:UpdateItem {Accounts.Arn}",
                "Allow dynamodb:UpdateItem {Jobs.Arn}",
                "Allow s3:GetObject {Bucket.Arn}/derived/*",
                "Allow s3:GetObject {Bucket.Arn}/originals/*",
                "Allow s3:PutObject {Bucket.Arn}/derived/*",
                "Allow s3:PutObject {Bucket.Arn}/originals/*",
                "Allow s3:PutObject {Bucket.Arn}/renditions/*",
                "Allow secretsmanager:DescribeSecret {ProviderApiKey}",
                "Allow secretsmanager:GetSecretValue {ProviderApiKey}",
                "Allow sqs:ChangeMessageVisibility {Queue.Arn}",
                "Allow sqs:DeleteMessage {Queue.Arn}",
                "Allow sqs:GetQueueAttributes {DeadLetters.Arn}",
                "Allow sqs:GetQueueAttributes {Queue.Arn}",
                "Allow sqs:GetQueueUrl {DeadLetters.Arn}",
                "Allow sqs:GetQueueUrl {Queue.Arn}",
                "Allow sqs:ReceiveMessage {Queue.Arn}",
                "Allow sqs:SendMessage {DeadLetters.Arn}",
                "Allow sqs:SendMessage {Queue.Arn}",
            ],
            Permissions("worker"));
    }
}
