using ImageService.Api.Auth;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api.Usage;

/// <summary>What the /usage endpoints need besides the month (bound with [AsParameters]).</summary>
internal sealed record UsageServices(
    [FromServices] CurrentUser User,
    [FromServices] UsageRecorder Usage,
    [FromServices] IAccountStore Accounts,
    [FromServices] BillingPolicy Billing,
    [FromServices] IBillingStore BillingStore,
    [FromServices] TimeProvider Time,
    CancellationToken CancellationToken);
