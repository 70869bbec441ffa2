namespace ImageService.Storage.Aws;

/// <summary>What <see cref="ConditionalClaims.ClaimAsync"/> achieved; <see cref="Token"/> is set when
/// <see cref="Claimed"/>, for the rollback of a failed write.</summary>
internal readonly record struct ClaimOutcome(ClaimStatus Status, string? Token = null)
{
    public bool Claimed => Status == ClaimStatus.Claimed;
}
