using ImageService.Api.Hosting;

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
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        account.MapGet("/", AccountHandlers.GetAccountAsync)
            .WithName("GetAccount")
            .WithSummary("The caller's account: public key, plan, delivery settings (ETag = version).");
        account.MapPatch("/", AccountHandlers.UpdateAccountAsync)
            .WithName("UpdateAccount")
            .WithSummary("Change allowedOrigins, strictOrigins, requireSignedUrls, defaultTransform (absent = unchanged). Send If-Match with the ETag.")
            .Accepts<AccountPatchRequest>("application/json", "application/merge-patch+json")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(412);
        account.MapPost("/keys", AccountHandlers.CreateKeyAsync)
            .WithName("CreateKey")
            .WithSummary("Create a secret key (sk_…). The secret is in this response only; store it now.")
            .Accepts<CreateKeyRequest>(isOptional: true, "application/json")
            .ProducesProblem(409);
        account.MapGet("/keys", AccountHandlers.ListKeysAsync)
            .WithName("ListKeys")
            .WithSummary("The account's secret keys, newest first, revoked ones included; never the secrets.");
        account.MapDelete("/keys/{id}", AccountHandlers.RevokeKeyAsync)
            .WithName("RevokeKey")
            .WithSummary("Revoke a key: it stops authenticating and signing at once (URLs it signed stop working).")
            .ProducesProblem(404);
        account.MapPost("/signed-urls", AccountHandlers.CreateSignedUrlAsync)
            .WithName("CreateSignedUrl")
            .WithSummary("A signed delivery URL for one of the caller's images, signed with the newest active key.")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return routes;
    }
}
