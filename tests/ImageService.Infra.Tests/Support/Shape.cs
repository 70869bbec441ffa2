using Amazon.CDK.Assertions;

namespace ImageService.Infra.Tests.Support;

/// <summary>Short forms for CDK assertion matchers (the C# binding wants dictionaries).</summary>
internal static class Shape
{
    /// <summary>An object that has at least these properties.</summary>
    public static Matcher Like(params (string Key, object Value)[] properties) =>
        Match.ObjectLike(properties.ToDictionary(p => p.Key, p => p.Value));

    public static Dictionary<string, object> Exactly(params (string Key, object Value)[] properties) =>
        properties.ToDictionary(p => p.Key, p => p.Value);
}
