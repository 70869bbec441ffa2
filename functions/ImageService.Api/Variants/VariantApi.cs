using ImageService.Api.Hosting;
using ImageService.Api.OpenApi;
using ImageService.Api.Problems;
using ImageService.Contracts.Variants;

namespace ImageService.Api.Variants;

/// <summary>The caller's named variants under /account/variants (owner-only, like the rest of /account; the account
/// function serves them). Delivery uses them as <c>?variant={name}</c>.</summary>
public static class VariantApi
{
    public static IEndpointRouteBuilder MapVariantApi(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!groups.HasFlag(ApiRouteGroups.Account))
        {
            return routes;
        }
        var variants = routes.MapGroup("/account/variants")
            .RequireAuthorization()
            .WithTags("Variants")
            .ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Forbidden, ProblemTypes.Internal, ProblemTypes.StorageUnavailable);

        variants.MapGet("/", VariantHandlers.ListAsync)
            .WithName("ListVariants")
            .WithSummary("The account's named variants, by name.");
        variants.MapGet("/{name}", VariantHandlers.GetAsync)
            .WithName("GetVariant")
            .WithSummary("One variant.")
            .ProducesProblems(ProblemTypes.NotFound);
        variants.MapPut("/{name}", VariantHandlers.PutAsync)
            .WithName("PutVariant")
            .WithSummary("Create (201) or replace (200) a variant: {\"transform\": {…as in POST /account/signed-urls…}, \"eager\": true}.")
            .WithDescription("Names are 1-32 of a-z, 0-9 and '-'; at most 50 per account. Delivery serves it as ?variant={name}; eager variants are rendered after each upload. Changing the transform purges the old results (derived store and CDN).")
            .Accepts<VariantRequest>("application/json")
            .ProducesProblems(ProblemTypes.Validation, ProblemTypes.PlanFeatureUnavailable, ProblemTypes.Conflict);
        variants.MapDelete("/{name}", VariantHandlers.DeleteAsync)
            .WithName("DeleteVariant")
            .WithSummary("Delete a variant and purge its cached results; its URLs answer 404 afterwards.")
            .ProducesProblems(ProblemTypes.NotFound);
        return routes;
    }
}
