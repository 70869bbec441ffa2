using Amazon.DynamoDBv2.Model;

namespace ImageService.Storage.Aws;

/// <summary>Where a kind of claim item lives: its key for a claimed name, the key attribute that
/// <c>attribute_not_exists</c> tests, and the attribute naming the holder (an image id, an account id).</summary>
internal sealed record ClaimItemShape(Func<string, Dictionary<string, AttributeValue>> Key, string KeyAttribute, string HolderAttribute);
