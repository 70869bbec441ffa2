namespace ImageService.Api.Variants;

/// <summary>GET /account/variants: every variant of the account (at most 50), by name.</summary>
public sealed record VariantListResponse(IReadOnlyList<VariantResponse> Items);
