using ImageService.Api.Accounts;
using ImageService.Api.Auth;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Billing;

/// <summary>What the /billing endpoints need besides the request's own values (bound with [AsParameters]).</summary>
internal sealed record BillingApiServices(
    [FromServices] BillingGatewayAccess Gateways,
    [FromServices] IOptions<BillingOptions> Options,
    [FromServices] BillingPolicy Policy,
    [FromServices] IAccountStore Store,
    [FromServices] TimeProvider Time,
    HttpContext Context,
    CancellationToken CancellationToken)
{
    public CurrentUser User => Context.RequestServices.GetRequiredService<CurrentUser>();

    public OwnerAccounts Accounts => Context.RequestServices.GetRequiredService<OwnerAccounts>();
}
