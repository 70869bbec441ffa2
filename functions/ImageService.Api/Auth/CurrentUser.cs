using System.Security.Claims;

namespace ImageService.Api.Auth;

/// <summary>The authenticated caller, read once per request from HttpContext.User (set by the bearer handler locally,
/// or by the Lambda host from API Gateway's authorizer claims). Endpoints behind the default policy always have one.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private string? id;

    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>The owner id: the token's <c>sub</c>.</summary>
    public string Id => id ??= Principal.FindFirst(OwnerIds.ClaimType)?.Value is { } sub && OwnerIds.IsValid(sub)
        ? sub
        : throw new InvalidOperationException("No authenticated user with a valid subject; is the endpoint missing RequireAuthorization?");
}
