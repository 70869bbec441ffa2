using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Usage;

namespace ImageService.Core.Delivery;

/// <summary>
/// Every per-request check of the delivery route that does not need the image, in one call and in this order:
/// public key or custom domain → account (404; a custom domain needs the plan feature, 403), suspended (403), allowed origins (403), signature (403/410; a signed URL also needs a
/// plan with signed URLs), rate (429), monthly bandwidth (429). Checks that refuse outsiders come before the rate
/// limit, so junk requests do not spend a customer's rate. Store reads: the account, its active keys only when a
/// signature is present, the month's usage; one conditional write for the rate window.
/// </summary>
public sealed class DeliveryGate(IAccountStore accounts, IUsageStore usage, DeliveryRateLimiter rateLimiter, PlanCatalog plans, TimeProvider time)
{
    public async Task<DeliveryAccess> CheckAsync(DeliveryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.CustomDomain is { } host ? await accounts.FindByCustomDomainAsync(host, cancellationToken)
            : ApiKeys.IsWellFormedPublicKey(request.PublicKey) ? await accounts.FindByPublicKeyAsync(request.PublicKey, cancellationToken)
            : null;
        if (account is null)
        {
            return Refuse(DeliveryOutcome.UnknownKey, request.CustomDomain is null ? "No account has this public key." : "No account delivers from this domain.");
        }

        var plan = plans.Get(account.PlanId);
        // A domain claimed on a plan with custom domains stops serving if the account moves to a plan without them.
        if (request.CustomDomain is not null && PlanGate.CheckCustomDomains(plan) is { IsAllowed: false } noDomains)
        {
            return Refuse(DeliveryOutcome.FeatureNotInPlan, noDomains.Detail, account, plan, noDomains);
        }
        if (account.Status != AccountStatus.Active)
        {
            return Refuse(DeliveryOutcome.AccountSuspended, "This account is suspended.", account, plan);
        }

        var origin = AllowedOrigins.Check(account.AllowedOrigins, account.StrictOrigins, request.Origin, request.Referer);
        if (!origin.Allowed)
        {
            return Refuse(DeliveryOutcome.OriginNotAllowed, "This site is not among the account's allowed origins.", account, plan);
        }

        var now = time.GetUtcNow();
        var parameters = SignedUrls.ParseQuery(request.RawQuery);
        var signed = parameters.Any(p => p.Key == SignedUrls.SignatureParameter);
        if (signed && PlanGate.CheckSignedUrls(plan) is { IsAllowed: false } noSigning)
        {
            return Refuse(DeliveryOutcome.FeatureNotInPlan, noSigning.Detail, account, plan, noSigning);
        }

        var keys = signed ? await accounts.ListActiveKeysAsync(account.Id, cancellationToken) : [];
        var signature = SignedUrls.Verify(request.Path, parameters, keys, PlanGate.SignedUrlsRequired(plan, account), now);
        switch (signature.Status)
        {
            case SignatureStatus.Missing:
                return Refuse(DeliveryOutcome.SignatureMissing, "This account only serves signed URLs; add sig (and exp).", account, plan);
            case SignatureStatus.Invalid:
                return Refuse(DeliveryOutcome.SignatureInvalid, "The URL's signature does not match it.", account, plan);
            case SignatureStatus.Expired:
                return Refuse(DeliveryOutcome.SignatureExpired, "The signed URL has expired.", account, plan);
        }

        var rate = await rateLimiter.TryAcquireAsync(account.Id, plan.RequestsPerSecond, cancellationToken);
        if (PlanGate.CheckRate(plan, rate) is { IsAllowed: false } overRate)
        {
            return Refuse(DeliveryOutcome.RateLimited, overRate.Detail, account, plan, overRate) with { Rate = rate };
        }

        var counters = await usage.GetAsync(account.Id, UsageMonth.Of(now), cancellationToken);
        if (PlanGate.CheckQuota(plan, counters, willRender: false, now) is { IsAllowed: false } overQuota)
        {
            return Refuse(DeliveryOutcome.QuotaExceeded, overQuota.Detail, account, plan, overQuota) with { Rate = rate, Usage = counters };
        }

        return new DeliveryAccess
        {
            Outcome = DeliveryOutcome.Allowed,
            Account = account,
            Plan = plan,
            TransformParameters = WithDefaults(parameters, account.DefaultTransform),
            AccessControlAllowOrigin = origin.AccessControlAllowOrigin,
            Usage = counters,
            Rate = rate,
            SigningKeyId = signature.Key?.Id,
        };
    }

    /// <summary>The request's transform parameters (sig and exp removed) plus the account's default transform for
    /// every parameter the request does not name: the URL always wins. Not under <c>?variant=</c>.</summary>
    private static List<KeyValuePair<string, string?>> WithDefaults(IReadOnlyList<KeyValuePair<string, string>> parameters, string? defaultTransform)
    {
        var result = parameters
            .Where(p => !SignedUrls.ReservedParameters.Contains(p.Key))
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))
            .ToList();
        var named = result.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        // A variant is the whole transform: the defaults never change what a variant URL serves.
        if (!string.IsNullOrEmpty(defaultTransform) && !named.Contains(Variants.VariantNames.Parameter))
        {
            result.AddRange(SignedUrls.ParseQuery(defaultTransform)
                .Where(p => !named.Contains(p.Key))
                .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        }

        return result;
    }

    private static DeliveryAccess Refuse(DeliveryOutcome outcome, string? detail, Account? account = null, Plan? plan = null, PlanCheck? check = null) =>
        new() { Outcome = outcome, Detail = detail, Account = account, Plan = plan, PlanCheck = check };
}
