using System.Text.RegularExpressions;

namespace ImageService.Api.Auth;

/// <summary>Owner ids (the token's <c>sub</c>) become part of storage keys, so only a conservative alphabet is
/// accepted: Cognito subs (UUIDs), usernames and e-mail-like ids pass; separators and traversal cannot.</summary>
internal static partial class OwnerIds
{
    public const string ClaimType = "sub";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
