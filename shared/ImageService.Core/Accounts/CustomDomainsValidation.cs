namespace ImageService.Core.Accounts;

/// <summary>A submitted custom-domain list, checked (<see cref="CustomDomains.Validate"/>): when <see cref="IsValid"/>,
/// store <see cref="Normalized"/>; otherwise answer 400 with one error per bad entry (its index in the request).</summary>
public sealed record CustomDomainsValidation(IReadOnlyList<string> Normalized, IReadOnlyList<(int Index, string Message)> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
