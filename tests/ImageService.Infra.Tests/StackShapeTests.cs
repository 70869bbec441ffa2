using Amazon.CDK.Assertions;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>Stack-wide properties of a stage: naming, functions, outputs, deployability.</summary>
[Collection(SynthCollection.Name)]
public sealed class StackShapeTests(DevTemplate stack)
{
    /// <summary>Properties that would pin a physical name and break a second stage (or a replacement) in one account.</summary>
    private static readonly string[] PhysicalNameProperties =
        ["TableName", "BucketName", "FunctionName", "RoleName", "LogGroupName", "UserPoolName", "ClientName"];

    [Fact]
    public void Stack_name_carries_the_stage()
    {
        Assert.Equal("ImageService-dev", stack.StackName);
    }

    [Fact]
    public void Eleven_service_functions_on_provided_al2023_x86_64_all_but_billing_from_the_one_native_asset()
    {
        var functions = stack.Json.ServiceFunctions().ToList();

        Assert.Equal(["account", "billing", "cdnlogs", "delete", "get", "jobs", "list", "transform", "update", "upload", "worker"], functions.Select(f => TemplateJson.Text(f.Properties["Handler"])).Order());
        Assert.Single(functions.Where(f => TemplateJson.Text(f.Properties["Handler"]) != "billing").Select(f => f.Properties["Code"]!.ToJsonString()).Distinct());
        stack.Template.ResourcePropertiesCountIs("AWS::Lambda::Function", Like(
            ("Runtime", "provided.al2023"), ("Architectures", Match.ArrayEquals(["x86_64"]))), 11);
    }

    [Fact]
    public void Functions_use_the_stages_memory_and_timeout_and_find_the_aws_backend_from_their_environment()
    {
        var table = stack.Json.ImagesTableId();
        var bucket = stack.Json.ImageBucketId();

        Assert.All(stack.Json.ServiceFunctions(), f =>
        {
            Assert.Equal(1024, (int)f.Properties["MemorySize"]!);
            // HTTP functions fail before API Gateway's 30 s; the log ingest answers no client; the worker may poll a
            // workflow provider for minutes.
            Assert.Equal(TemplateJson.Text(f.Properties["Handler"]) switch { "cdnlogs" => 60, "worker" => 300, _ => 29 }, (int)f.Properties["Timeout"]!);
            var variables = f.Properties["Environment"]!["Variables"]!;
            Assert.Equal("Aws", TemplateJson.Text(variables["Storage__Backend"]));
            Assert.Equal([table], stack.Json.ReferencedIds(variables["Storage__Aws__TableName"]!));
            Assert.Equal([bucket], stack.Json.ReferencedIds(variables["Storage__Aws__BucketName"]!));
            Assert.Equal([stack.Json.AccountsTableId()], stack.Json.ReferencedIds(variables["Storage__Aws__Accounts__TableName"]!));
        });
    }

    [Fact]
    public void Each_function_logs_to_its_own_group_kept_for_the_stages_retention()
    {
        var groups = stack.Json.ServiceFunctions()
            .Select(f => stack.Json.ReferencedIds(f.Properties["LoggingConfig"]!["LogGroup"]!).Single())
            .ToList();

        Assert.Equal(11, groups.Distinct().Count());
        Assert.All(groups, g => Assert.Equal(7, (int)stack.Json.AllResources[g]!["Properties"]!["RetentionInDays"]!));
    }

    [Fact]
    public void No_resource_has_a_hard_coded_physical_name()
    {
        var named = stack.Json.AllResources
            .SelectMany(r => PhysicalNameProperties
                // A reference (a permission naming its function) is fine; a literal is a hard-coded name.
                .Where(p => r.Value!["Properties"]?[p] is System.Text.Json.Nodes.JsonValue)
                .Select(p => $"{r.Key}.{p}"))
            .ToList();

        Assert.Empty(named);
    }

    [Fact]
    public void Outputs_give_clients_everything_they_need()
    {
        var outputs = stack.Template.FindOutputs("*", Match.AnyValue()).Keys;

        Assert.Subset(outputs.ToHashSet(), new HashSet<string> { "ApiUrl", "CdnDomain", "UserPoolId", "UserPoolClientId", "TableName", "AccountsTableName", "BucketName" });
        stack.Template.HasOutput("ApiUrl", Like(("Value", Exactly(("Fn::GetAtt", new object[] { stack.Json.SingleIdOfType("AWS::ApiGatewayV2::Api"), "ApiEndpoint" })))));
    }

    [Fact]
    public void Resources_reference_each_other_without_a_cycle_so_cloudformation_can_order_them()
    {
        var json = stack.Json;
        var edges = json.AllResources.ToDictionary(
            r => r.Key,
            r =>
            {
                var ids = json.ReferencedIds(r.Value!["Properties"] ?? new System.Text.Json.Nodes.JsonObject());
                if (r.Value!["DependsOn"] is { } dependsOn)
                {
                    ids.UnionWith(TemplateJson.Strings(dependsOn));
                }

                return ids;
            });

        Assert.Null(FindCycle(edges));
    }

    /// <summary>A dependency cycle as "A -> B -> A", or null (depth-first search with an on-path set).</summary>
    private static string? FindCycle(Dictionary<string, HashSet<string>> edges)
    {
        var done = new HashSet<string>();
        var path = new List<string>();

        string? Visit(string node)
        {
            if (path.Contains(node))
            {
                return string.Join(" -> ", path.SkipWhile(n => n != node).Append(node));
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return edges.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }
}
