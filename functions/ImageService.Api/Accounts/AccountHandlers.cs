using System.Text.Json;
using ImageService.Api.Delivery;
using ImageService.Api.Images;
using ImageService.Api.Problems;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Delivery;
using ImageService.Core.Ids;
using ImageService.Core.Images;
using ImageService.Core.Imaging;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Accounts;

internal static class AccountHandlers
{
    /// <summary>Active keys an account may hold at once: enough to rotate, few enough that a leaked login cannot mint thousands.</summary>
    public const int MaxActiveKeys = 10;

    /// <summary>Longest lifetime of a signed URL made by the service (ten years).</summary>
    public const long MaxExpiresInSeconds = 315_360_000;

    public static async Task<Ok<AccountResponse>> GetAccountAsync([AsParameters] AccountApiServices services)
    {
        var account = await services.Accounts.GetOrCreateAsync(services.User.Id, services.CancellationToken);
        return Respond(services, account);
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> UpdateAccountAsync(
        AccountPatchRequest patch, [AsParameters] AccountApiServices services)
    {
        var context = services.Context;
        var account = await services.Accounts.GetOrCreateAsync(services.User.Id, services.CancellationToken);
        if (HttpCaching.IfMatch(context.Request, HttpCaching.ForVersion(account.Version)) == false)
        {
            return Stale();
        }
        var plan = services.Plans.Get(account.PlanId);
        var result = AccountSettings.Apply(account, patch.ToChange(), plan, services.Time.GetUtcNow());
        var errors = new Dictionary<string, string[]>(result.Errors, StringComparer.Ordinal);
        // The service's own delivery host is nobody's custom domain.
        var ownHost = new Uri(DeliveryBaseUrl.Of(context, services.Delivery.Value)).IdnHost;
        if (result.Updated?.CustomDomains.Contains(ownHost, StringComparer.OrdinalIgnoreCase) == true)
        {
            errors["customDomains"] = [$"{ownHost} is this service's own delivery host."];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }
        if (result.Denied is { } denied)
        {
            return PlanProblems.From(context, denied);
        }
        try
        {
            await services.Store.UpdateAsync(result.Updated!, account.Version, services.CancellationToken);
        }
        catch (PreconditionFailedException)
        {
            return Stale();
        }
        catch (ConflictException conflict)
        {
            return ApiProblems.Problem(ProblemTypes.Conflict, conflict.Message + " Remove it there first, or ask support if it is yours.");
        }
        return Respond(services, result.Updated!);
    }

    public static async Task<Results<Created<CreatedKeyResponse>, ProblemHttpResult>> CreateKeyAsync([AsParameters] AccountApiServices services)
    {
        var (context, store, cancellationToken) = (services.Context, services.Store, services.CancellationToken);
        CreateKeyRequest? request = null;
        if (context.Request.ContentLength is > 0 || context.Request.HasJsonContentType())
        {
            try
            {
                request = await context.Request.ReadFromJsonAsync(AccountJsonContext.Default.CreateKeyRequest, cancellationToken);
            }
            catch (JsonException)
            {
                return ApiProblems.Validation("name", "The body must be JSON like {\"name\": \"production\"}.");
            }
        }
        if (request?.Name is { Length: > 100 })
        {
            return ApiProblems.Validation("name", "At most 100 characters.");
        }
        var account = await services.Accounts.GetOrCreateAsync(services.User.Id, cancellationToken);
        if ((await store.ListActiveKeysAsync(account.Id, cancellationToken)).Count >= MaxActiveKeys)
        {
            return ApiProblems.Problem(ProblemTypes.Conflict, $"An account may have {MaxActiveKeys} active keys; revoke one first.");
        }
        var created = ApiKeys.Create(account.Id, request?.Name, services.Time.GetUtcNow());
        await store.AddKeyAsync(created.Key, cancellationToken);
        var key = created.Key;
        return TypedResults.Created($"/account/keys/{key.Id}", new CreatedKeyResponse(key.Id, key.Name, key.Prefix, key.CreatedAt, created.Secret));
    }

    public static async Task<Ok<IReadOnlyList<KeyResponse>>> ListKeysAsync([AsParameters] AccountApiServices services)
    {
        var keys = await services.Store.ListKeysAsync(services.User.Id, services.CancellationToken);
        return TypedResults.Ok<IReadOnlyList<KeyResponse>>(keys.Select(KeyResponse.From).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(string id, [AsParameters] AccountApiServices services)
    {
        var revoked = await services.Store.RevokeKeyAsync(services.User.Id, id, services.Time.GetUtcNow(), services.CancellationToken);
        return revoked is null ? ApiProblems.NotFound(ProblemTypes.NotFoundDetail(StoredItem.Key)) : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SignedUrlResponse>, ProblemHttpResult>> CreateSignedUrlAsync(
        SignedUrlRequest request, [AsParameters] AccountApiServices services)
    {
        var (context, time, cancellationToken) = (services.Context, services.Time, services.CancellationToken);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(request.Image) || (!ImageIds.IsValid(request.Image) && ImagePaths.Problem(request.Image) is not null))
        {
            errors["image"] = ["Give the id or the path of one of your images."];
        }
        if (request.ExpiresInSeconds is { } seconds && seconds is < 1 or > MaxExpiresInSeconds)
        {
            errors["expiresInSeconds"] = [$"Must be from 1 to {MaxExpiresInSeconds}."];
        }
        var (parameters, spec) = TransformObject.Parse(request.Transform, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var account = await services.Accounts.GetOrCreateAsync(services.User.Id, cancellationToken);
        var plan = services.Plans.Get(account.PlanId);
        if (PlanGate.CheckSignedUrls(plan) is { IsAllowed: false } noSigning)
        {
            return PlanProblems.From(context, noSigning);
        }
        if (PlanGate.CheckTransform(plan, spec) is { IsAllowed: false } refused)
        {
            return PlanProblems.From(context, refused);
        }
        var domain = request.Domain is null ? null : CustomDomains.FromRequestHost(request.Domain);
        if (request.Domain is not null)
        {
            if (PlanGate.CheckCustomDomains(plan) is { IsAllowed: false } noDomains)
            {
                return PlanProblems.From(context, noDomains);
            }
            if (domain is null || !account.CustomDomains.Contains(domain, StringComparer.Ordinal))
            {
                return ApiProblems.Validation("domain", "Give one of the account's custom domains (PATCH /account customDomains), or leave it out.");
            }
        }
        var image = await ImageLookup.FindByIdOrPathAsync(services.Images, account.Id, request.Image!, cancellationToken);
        if (image is not { Status: ImageStatus.Ready })
        {
            return ApiProblems.NotFound();
        }
        var keys = await services.Store.ListActiveKeysAsync(account.Id, cancellationToken);
        if (keys.Count == 0)
        {
            return ApiProblems.Problem(ProblemTypes.Conflict, "The account has no active key to sign with; create one with POST /account/keys.");
        }
        var expiresAt = request.ExpiresInSeconds is { } lifetime ? time.GetUtcNow().AddSeconds(lifetime) : (DateTimeOffset?)null;
        // Whole seconds, as exp carries them: the response states exactly when the URL stops working.
        expiresAt = expiresAt is { } e ? DateTimeOffset.FromUnixTimeSeconds(e.ToUnixTimeSeconds()) : null;
        var url = domain is null
            ? SignedUrls.CreateUrl(DeliveryBaseUrl.Of(context, services.Delivery.Value), account.PublicKey, request.Image!, parameters, keys[0], expiresAt)
            : SignedUrls.CreateCustomDomainUrl(domain, request.Image!, parameters, keys[0], expiresAt);
        return TypedResults.Ok(new SignedUrlResponse(url, keys[0].Id, expiresAt));
    }

    private static Ok<AccountResponse> Respond(AccountApiServices services, Account account)
    {
        var context = services.Context;
        context.Response.Headers.ETag = HttpCaching.ForVersion(account.Version);
        return TypedResults.Ok(AccountResponse.From(account, services.Plans.Get(account.PlanId), DeliveryBaseUrl.Of(context, services.Delivery.Value)));
    }

    private static ProblemHttpResult Stale() =>
        ApiProblems.Problem(ProblemTypes.PreconditionFailed, "The account was changed by another request; fetch it and retry with its new ETag.");
}
