using System.Text.Json;
using System.Text.Json.Nodes;
using Constructs;

namespace ImageService.Infra.Configuration;

/// <summary>
/// Turns the <c>stage</c> context value (<c>-c stage=prod</c>) and cdk.json's <c>stages</c> object into checked
/// <see cref="StageSettings"/>. A bad setting fails the synth with a message naming it, before anything deploys.
/// </summary>
public static class StageSettingsReader
{
    public const string StageContextKey = "stage";
    public const string StagesContextKey = "stages";
    public const string DefaultStage = "dev";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static StageSettings FromContext(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var stage = node.TryGetContext(StageContextKey) as string ?? DefaultStage;
        var stages = node.TryGetContext(StagesContextKey)
            ?? throw new InvalidOperationException($"cdk.json has no \"{StagesContextKey}\" context object.");
        // The jsii runtime hands context objects over as dictionaries; a JSON round trip gives typed, validated settings.
        return Parse(stage, JsonSerializer.Serialize(stages));
    }

    public static StageSettings Parse(string stage, string stagesJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(stage);
        var all = JsonNode.Parse(stagesJson) as JsonObject
            ?? throw new InvalidOperationException($"\"{StagesContextKey}\" must be a JSON object keyed by stage name.");
        if (all[stage] is not JsonObject entry)
        {
            throw new InvalidOperationException(
                $"Unknown stage '{stage}'. Known stages: {string.Join(", ", all.Select(p => p.Key))}.");
        }

        var withName = (JsonObject)entry.DeepClone();
        withName["name"] = stage;
        StageSettings settings;
        try
        {
            settings = withName.Deserialize<StageSettings>(JsonOptions)
                ?? throw new InvalidOperationException($"Stage '{stage}' settings are empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Stage '{stage}' settings are invalid: {e.Message}", e);
        }

        Validate(settings);
        return settings;
    }

    private static void Validate(StageSettings s)
    {
        var problems = new List<string>();
        if (!IsStageName(s.Name))
        {
            problems.Add("the stage name must be lower-case letters and digits (it is part of the stack name)");
        }

        if (s.MemorySizeMb is < 128 or > 10240)
        {
            problems.Add("memorySizeMb must be 128..10240");
        }

        if (!RetentionPeriods.IsSupported(s.LogRetentionDays))
        {
            problems.Add($"logRetentionDays must be one of {string.Join(", ", RetentionPeriods.SupportedDays)}");
        }

        if (s.PriceClass is not ("100" or "200" or "All"))
        {
            problems.Add("priceClass must be 100, 200 or All");
        }

        if (string.IsNullOrEmpty(s.CdnDomainName) != string.IsNullOrEmpty(s.CdnCertificateArn))
        {
            problems.Add("cdnDomainName and cdnCertificateArn go together");
        }

        if (string.IsNullOrEmpty(s.ApiDomainName) != string.IsNullOrEmpty(s.ApiCertificateArn))
        {
            problems.Add("apiDomainName and apiCertificateArn go together");
        }

        if (s.UsesExistingIssuer != (s.JwtAudience.Count > 0))
        {
            problems.Add("jwtIssuer and jwtAudience go together (leave both empty to create a Cognito user pool)");
        }

        if (s.UsesExistingIssuer && !s.JwtIssuer!.StartsWith("https://", StringComparison.Ordinal))
        {
            problems.Add("jwtIssuer must be an https URL");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Stage '{s.Name}' settings are invalid: {string.Join("; ", problems)}.");
        }
    }

    private static bool IsStageName(string name) =>
        name.Length is > 0 and <= 20 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
