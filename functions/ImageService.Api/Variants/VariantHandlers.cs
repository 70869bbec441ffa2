using System.Globalization;
using ImageService.Api.Accounts;
using ImageService.Api.Problems;
using ImageService.Contracts.Variants;
using ImageService.Core.Billing;
using ImageService.Core.Variants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Variants;

internal static class VariantHandlers
{
    public static async Task<Ok<VariantListResponse>> ListAsync([AsParameters] VariantApiServices services)
    {
        var variants = await services.Variants.ListAsync(services.User.Id, services.CancellationToken);
        return TypedResults.Ok(new VariantListResponse(variants.Select(VariantResponse.From).ToList()));
    }

    public static async Task<Results<Ok<VariantResponse>, ProblemHttpResult>> GetAsync(string name, [AsParameters] VariantApiServices services)
    {
        var variant = VariantNames.IsValid(name) ? await services.Variants.GetAsync(services.User.Id, name, services.CancellationToken) : null;
        return variant is null ? NoSuchVariant(name) : TypedResults.Ok(VariantResponse.From(variant));
    }

    /// <summary>Creates (201) or replaces (200) the variant. A replace that changes the transform purges the old
    /// transform's cached results before answering; changing only <c>eager</c> purges nothing.</summary>
    public static async Task<Results<Created<VariantResponse>, Ok<VariantResponse>, ProblemHttpResult>> PutAsync(
        string name, VariantRequest request, [AsParameters] VariantApiServices services)
    {
        var (context, cancellationToken) = (services.Context, services.CancellationToken);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!VariantNames.IsValid(name))
        {
            errors["name"] = [$"A variant name is {VariantNames.Rule} Got '{name}'."];
        }
        if (request.Transform is null)
        {
            errors["transform"] = ["Give the transform as an object, e.g. {\"w\": 320, \"h\": 320, \"fit\": \"cover\", \"f\": \"webp\"}."];
        }
        var (_, spec) = TransformObject.Parse(request.Transform, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var account = await services.Accounts.GetOrCreateAsync(services.User.Id, cancellationToken);
        if (PlanGate.CheckTransform(services.Plans.Get(account.PlanId), spec) is { IsAllowed: false } refused)
        {
            return PlanProblems.From(context, refused);
        }
        var now = services.Time.GetUtcNow();
        var variant = new Variant
        {
            OwnerId = account.Id,
            Name = name,
            Transform = spec.ToCanonicalQuery(),
            Eager = request.Eager ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var result = await services.Variants.PutAsync(variant, VariantNames.MaxPerAccount, cancellationToken);
        switch (result.Status)
        {
            case VariantPutStatus.LimitReached:
                return ApiProblems.Problem(ProblemTypes.Conflict, string.Create(CultureInfo.InvariantCulture,
                    $"An account may have {VariantNames.MaxPerAccount} variants; delete one first (DELETE /account/variants/{{name}})."));
            case VariantPutStatus.Created:
                return TypedResults.Created($"/account/variants/{name}", VariantResponse.From(result.Stored!));
            default:
                if (result.Previous is { } previous && previous.Transform != result.Stored!.Transform)
                {
                    await services.Purges.PurgeAsync(account, previous, cancellationToken);
                }
                return TypedResults.Ok(VariantResponse.From(result.Stored!));
        }
    }

    /// <summary>Deletes the variant and purges its cached results: its URLs answer 404 from then on.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, [AsParameters] VariantApiServices services)
    {
        if (!VariantNames.IsValid(name))
        {
            return NoSuchVariant(name);
        }
        var deleted = await services.Variants.DeleteAsync(services.User.Id, name, services.CancellationToken);
        if (deleted is null)
        {
            return NoSuchVariant(name);
        }
        var account = await services.Accounts.GetOrCreateAsync(services.User.Id, services.CancellationToken);
        await services.Purges.PurgeAsync(account, deleted, services.CancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NoSuchVariant(string name) =>
        ApiProblems.NotFound($"The account has no variant named '{name}' (GET /account/variants lists them).");
}
