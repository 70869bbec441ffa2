using System.Text.Json.Nodes;

namespace ImageService.Infra.Tests.Support;

/// <summary>
/// Read-only helpers over a synthesised template for checks that follow references (function -> role -> policy,
/// route -> integration -> function). Intrinsics are rendered as readable text: <c>{Id}</c> for a Ref,
/// <c>{Id.Attr}</c> for a GetAtt, joins concatenated.
/// </summary>
public sealed class TemplateJson(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonObject AllResources => Root["Resources"]!.AsObject();

    public IEnumerable<(string Id, JsonObject Resource)> OfType(string type) =>
        AllResources.Where(r => Text(r.Value!["Type"]) == type).Select(r => (r.Key, r.Value!.AsObject()));

    public string SingleIdOfType(string type) => OfType(type).Single().Id;

    /// <summary>The image metadata table (partition key Id), told apart from the accounts table (PK/SK).</summary>
    public string ImagesTableId() => TableIdWithPartitionKey("Id");

    /// <summary>The bucket of originals, renditions and derived results (the one browsers upload to: it has CORS).</summary>
    public string ImageBucketId() => OfType("AWS::S3::Bucket").Single(b => b.Resource["Properties"]?["CorsConfiguration"] is not null).Id;

    /// <summary>The bucket the distribution writes its access logs to.</summary>
    public string LogBucketId() =>
        ReferencedIds(OfType("AWS::CloudFront::Distribution").Single().Resource["Properties"]!["DistributionConfig"]!["Logging"]!["Bucket"]!).Single();

    public string AccountsTableId() => TableIdWithPartitionKey("PK");

    public string TableIdWithPartitionKey(string name) =>
        OfType("AWS::DynamoDB::Table")
            .Single(t => Text(t.Resource["Properties"]!["KeySchema"]![0]!["AttributeName"]) == name)
            .Id;

    /// <summary>Service functions are the provided.al2023 ones (CDK's own custom-resource handlers run on Node).</summary>
    public IEnumerable<(string Id, JsonObject Properties)> ServiceFunctions() =>
        OfType("AWS::Lambda::Function")
            .Select(f => (f.Id, Properties: f.Resource["Properties"]!.AsObject()))
            .Where(f => Text(f.Properties["Runtime"]) == "provided.al2023");

    public (string Id, JsonObject Properties) FunctionByHandler(string handler) =>
        ServiceFunctions().Single(f => Text(f.Properties["Handler"]) == handler);

    /// <summary>The function's permissions as "action resource" lines, with logical ids replaced by the aliases.</summary>
    public SortedSet<string> PermissionsOf(string handler, IReadOnlyDictionary<string, string> aliases)
    {
        var role = ReferencedIds(FunctionByHandler(handler).Properties["Role"]!).Single();
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, policy) in OfType("AWS::IAM::Policy"))
        {
            var properties = policy["Properties"]!;
            if (!properties["Roles"]!.AsArray().Any(r => ReferencedIds(r!).Contains(role)))
            {
                continue;
            }

            foreach (var statement in properties["PolicyDocument"]!["Statement"]!.AsArray())
            {
                var condition = statement!["Condition"] is { } c ? " if " + Render(c, aliases) : "";
                foreach (var action in Strings(statement["Action"]!))
                {
                    foreach (var resource in Items(statement["Resource"]!))
                    {
                        lines.Add($"{(string?)statement["Effect"]} {action} {Render(resource, aliases)}{condition}");
                    }
                }
            }
        }

        return lines;
    }

    /// <summary>Every HTTP API route: its key, the handler of the function behind its integration, its authorization.</summary>
    public IEnumerable<(string Key, string Handler, string AuthorizationType, string? AuthorizerId)> HttpApiRoutes() =>
        OfType("AWS::ApiGatewayV2::Route").Select(r =>
        {
            var properties = r.Resource["Properties"]!;
            var integration = ReferencedIds(properties["Target"]!).Single();
            var function = ReferencedIds(AllResources[integration]!["Properties"]!["IntegrationUri"]!).Single();
            var handler = Text(AllResources[function]!["Properties"]!["Handler"])!;
            var authorizer = properties["AuthorizerId"] is { } a ? ReferencedIds(a).Single() : null;
            return (Text(properties["RouteKey"])!, handler, Text(properties["AuthorizationType"])!, authorizer);
        });

    /// <summary>The string a node holds, or null for anything else (an intrinsic, a number, nothing).</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static IEnumerable<string> Strings(JsonNode node) =>
        node is JsonArray array ? array.Select(n => (string)n!) : [(string)node!];

    public static IEnumerable<JsonNode> Items(JsonNode node) => node is JsonArray array ? array.Select(n => n!) : [node];

    /// <summary>Logical ids a node refers to through Ref or Fn::GetAtt (pseudo parameters excluded).</summary>
    public HashSet<string> ReferencedIds(JsonNode node)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, ids);
        ids.RemoveWhere(id => !AllResources.ContainsKey(id));
        return ids;
    }

    public static string Render(JsonNode node, IReadOnlyDictionary<string, string> aliases) => node switch
    {
        JsonValue value => value.ToString(),
        JsonObject o when o["Ref"] is JsonValue r => "{" + Alias((string)r!, aliases) + "}",
        JsonObject o when o["Fn::GetAtt"] is JsonArray a => "{" + Alias((string)a[0]!, aliases) + "." + (string)a[1]! + "}",
        JsonObject o when o["Fn::Join"] is JsonArray j =>
            string.Join((string)j[0]!, j[1]!.AsArray().Select(p => Render(p!, aliases))),
        JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + Render(p.Value!, aliases))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(n => Render(n!, aliases))) + "]",
        _ => "",
    };

    private static string Alias(string id, IReadOnlyDictionary<string, string> aliases) =>
        aliases.TryGetValue(id, out var alias) ? alias : id;

    private static void Collect(JsonNode? node, HashSet<string> ids)
    {
        switch (node)
        {
            case JsonObject o when o["Ref"] is JsonValue r:
                ids.Add((string)r!);
                break;
            case JsonObject o when o["Fn::GetAtt"] is JsonArray a:
                ids.Add((string)a[0]!);
                break;
            case JsonObject o:
                foreach (var property in o)
                {
                    Collect(property.Value, ids);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, ids);
                }

                break;
        }
    }
}
