namespace ImageService.Core.Variants;

/// <summary>Variant names and how many an account may have.</summary>
public static class VariantNames
{
    /// <summary>At most this many variants per account: enough for a site's image roles, few enough that eager
    /// rendering after an upload stays a small, bounded job.</summary>
    public const int MaxPerAccount = 50;

    public const int MaxLength = 32;

    /// <summary>The delivery query parameter that names a variant.</summary>
    public const string Parameter = "variant";

    /// <summary><c>[a-z0-9-]{1,32}</c>: safe in URLs, paths and storage keys without escaping.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public const string Rule = "1 to 32 characters: lower-case letters a-z, digits and '-'.";
}
