using ImageService.Api.Auth;
using ImageService.Api.Delivery;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Images;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Accounts;

/// <summary>What the /account endpoints need besides the request's own values (bound with [AsParameters]).</summary>
internal sealed record AccountApiServices(
    [FromServices] CurrentUser User,
    [FromServices] OwnerAccounts Accounts,
    [FromServices] IAccountStore Store,
    [FromServices] IImageMetadataStore Images,
    [FromServices] PlanCatalog Plans,
    [FromServices] BillingPolicy Billing,
    [FromServices] IOptions<DeliveryOptions> Delivery,
    [FromServices] TimeProvider Time,
    HttpContext Context,
    CancellationToken CancellationToken);
