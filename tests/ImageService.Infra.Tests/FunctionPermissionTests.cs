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
        [stack.Json.SingleIdOfType("AWS::S3::Bucket")] = "Bucket",
        [stack.Json.SingleIdOfType("AWS::CloudFront::Distribution")] = "Distribution",
    };

    private SortedSet<string> Permissions(string handler) => stack.Json.PermissionsOf(handler, _aliases);

    [Fact]
    public void Every_function_has_a_role_of_its_own()
    {
        var roles = stack.Json.ServiceFunctions().Select(f => stack.Json.ReferencedIds(f.Properties["Role"]!).Single()).ToList();

        Assert.Equal(8, roles.Distinct().Count());
    }

    [Fact]
    public void Upload_writes_records_and_originals_and_handles_only_its_own_pending_uploads()
    {
        Assert.Equal(
            [
                "Allow dynamodb:DeleteItem {Table.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:PutItem {Table.Arn}",
                "Allow dynamodb:UpdateItem {Table.Arn}",
                "Allow s3:DeleteObject {Bucket.Arn}/uploads/*",
                "Allow s3:GetObject {Bucket.Arn}/uploads/*",
                "Allow s3:PutObject {Bucket.Arn}/originals/*",
                "Allow s3:PutObject {Bucket.Arn}/renditions/*",
                "Allow s3:PutObject {Bucket.Arn}/uploads/*",
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
    public void Account_manages_account_items_and_only_reads_image_records_and_no_objects()
    {
        Assert.Equal(
            [
                "Allow dynamodb:DeleteItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Accounts.Arn}",
                "Allow dynamodb:GetItem {Table.Arn}",
                "Allow dynamodb:PutItem {Accounts.Arn}",
                "Allow dynamodb:Query {Accounts.Arn}",
                "Allow dynamodb:UpdateItem {Accounts.Arn}",
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
    public void Only_the_update_and_delete_functions_may_invalidate_the_cdn()
    {
        var invalidating = new[] { "upload", "get", "list", "update", "delete", "transform", "account", "billing" }
            .Where(h => Permissions(h).Any(p => p.Contains("cloudfront:", StringComparison.Ordinal)));

        Assert.Equal(["update", "delete"], invalidating);
    }

    [Fact]
    public void No_function_holds_a_wildcard_action_or_a_whole_bucket_object_grant()
    {
        var all = new[] { "upload", "get", "list", "update", "delete", "transform", "account", "billing" }.SelectMany(Permissions).ToList();

        Assert.DoesNotContain(all, p => p.Split(' ')[1].Contains('*', StringComparison.Ordinal));
        Assert.DoesNotContain(all, p => p.EndsWith("{Bucket.Arn}/*", StringComparison.Ordinal));
    }
}
