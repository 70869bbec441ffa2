using ImageService.Api.Accounts;
using ImageService.Api.Auth;
using ImageService.Core.Billing;
using ImageService.Core.Variants;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api.Variants;

/// <summary>What the /account/variants endpoints need besides the request's own values (bound with [AsParameters]).</summary>
internal sealed record VariantApiServices(
    [FromServices] CurrentUser User,
    [FromServices] OwnerAccounts Accounts,
    [FromServices] IVariantStore Variants,
    [FromServices] VariantPurges Purges,
    [FromServices] PlanCatalog Plans,
    [FromServices] TimeProvider Time,
    HttpContext Context,
    CancellationToken CancellationToken);
