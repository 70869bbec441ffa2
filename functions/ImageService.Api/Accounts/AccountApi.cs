using ImageService.Api.Hosting;
using ImageService.Api.OpenApi;
using ImageService.Api.Problems;

namespace ImageService.Api.Accounts;

/// <summary>The caller's account under /account: settings, secret keys and signed delivery URLs. Authenticated by a
/// bearer token or X-API-Key; the account is created with the default plan on first use.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!groups.HasFlag(ApiRouteGroups.Account))
        {
            return routes;
        }
        var account = routes.MapGroup("/account")
            .RequireAuthorization()
            .WithTags("Account")
            .ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Forbidden, ProblemTypes.Internal, ProblemTypes.StorageUnavailable);

        account.MapGet("/", AccountHandlers.GetAccountAsync)
            .WithName("GetAccount")
            .WithSummary("The caller's account: public key, plan, delivery settings (ETag = version).")
            .WithDescription("The account is created with the default plan on first use.");
        account.MapPatch("/", AccountHandlers.UpdateAccountAsync)
            .WithName("UpdateAccount")
            .WithSummary("Change allowedOrigins, strictOrigins, requireSignedUrls, defaultTransform, customDomains, allowArbitraryTransforms (absent = unchanged). Send If-Match with the ETag.")
            .Accepts<AccountPatchRequest>("application/json", "application/merge-patch+json")
            .ProducesProblems(ProblemTypes.Validation, ProblemTypes.PlanFeatureUnavailable, ProblemTypes.Conflict, ProblemTypes.PreconditionFailed);
        account.MapPost("/keys", AccountHandlers.CreateKeyAsync)
            .WithName("CreateKey")
            .WithSummary("Create a secret key (sk_…). The secret is in this response only; store it now.")
            .Accepts<CreateKeyRequest>(isOptional: true, "application/json")
            .ProducesProblems(ProblemTypes.Validation, ProblemTypes.Conflict);
        account.MapGet("/keys", AccountHandlers.ListKeysAsync)
            .WithName("ListKeys")
            .WithSummary("The account's secret keys, newest first, revoked ones included; never the secrets.");
        account.MapDelete("/keys/{id}", AccountHandlers.RevokeKeyAsync)
            .WithName("RevokeKey")
            .WithSummary("Revoke a key: it stops authenticating and signing at once (URLs it signed stop working).")
            .ProducesProblems(ProblemTypes.NotFound);
        account.MapPost("/signed-urls", AccountHandlers.CreateSignedUrlAsync)
            .WithName("CreateSignedUrl")
            .WithSummary("A signed delivery URL for one of the caller's images, signed with the newest active key.")
            .WithDescription("image is the image's id or path; transform holds the delivery parameters; expiresInSeconds sets exp; domain picks one of the account's custom domains.")
            .ProducesProblems(ProblemTypes.Validation, ProblemTypes.PlanFeatureUnavailable, ProblemTypes.NotFound, ProblemTypes.Conflict);
        return routes;
    }
}
