using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Delivery;
using ImageService.Core.Images;
using ImageService.Core.Imaging;
using ImageService.Core.Usage;

namespace ImageService.Core.Variants;

/// <summary>
/// <see cref="IVariantRenderer"/> on <see cref="DerivedResults"/>, the same piece the delivery route renders with: the
/// variant's spec, the account's plan limits in the <see cref="TransformContext"/>, hence the same derived key as a
/// delivery miss. A variant with <c>f=auto</c> has one result per format a browser can be answered with (AVIF when the
/// plan allows it, WebP, and JPEG or PNG for browsers that accept neither), so each is rendered: every browser's first
/// request is then a hit. Each result rendered counts one transformation (as a delivery miss does), one already stored
/// counts nothing. Renders of one result in this process take turns, so concurrent duplicates render and count it once;
/// two processes racing on the same result may both render it (the same bytes) and both count it.
/// </summary>
public sealed class VariantRenderer(
    IVariantStore variants, IAccountStore accounts, IImageMetadataStore images, DerivedResults derived, IUsageStore usage,
    PlanCatalog plans, TimeProvider time) : IVariantRenderer
{
    // What f=auto can negotiate to: the Accept headers of a browser with AVIF, one with WebP only, and one with neither.
    private static readonly string[] AutoAccepts = ["image/avif,image/webp,*/*", "image/webp,*/*", "*/*"];

    // Striped gates (by derived key) instead of one per key: a bounded set that needs no cleanup.
    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<VariantRenderOutcome> RenderAsync(string ownerId, string imageId, string variantName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentException.ThrowIfNullOrEmpty(imageId);
        ArgumentException.ThrowIfNullOrEmpty(variantName);
        var variant = await variants.GetAsync(ownerId, variantName, ct).ConfigureAwait(false);
        var account = variant is null ? null : await accounts.GetAsync(ownerId, ct).ConfigureAwait(false);
        if (variant is null || account is null)
        {
            return VariantRenderOutcome.VariantMissing;
        }
        var image = await images.GetAsync(ownerId, imageId, ct).ConfigureAwait(false);
        if (image is not { Status: ImageStatus.Ready })
        {
            return VariantRenderOutcome.ImageMissing;
        }
        var plan = plans.Get(account.PlanId);
        var spec = variant.ToSpec();
        if (!PlanGate.CheckTransform(plan, spec).IsAllowed)
        {
            return VariantRenderOutcome.RefusedByPlan;
        }

        var targets = new List<(DerivedTarget Target, TransformContext Context)>();
        foreach (var context in Contexts(spec, plan))
        {
            var target = await derived.ResolveAsync(image, spec, context, ct).ConfigureAwait(false);
            if (targets.TrueForAll(t => t.Target.BlobKey != target.BlobKey))
            {
                targets.Add((target, context));
            }
        }

        var rendered = 0;
        foreach (var (target, context) in targets)
        {
            var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(target.BlobKey) % _gates.Length)];
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (await derived.ExistsAsync(target, ct).ConfigureAwait(false))
                {
                    continue;
                }
                var now = time.GetUtcNow();
                var counters = await usage.GetAsync(ownerId, UsageMonth.Of(now), ct).ConfigureAwait(false);
                if (!PlanGate.CheckQuota(plan, counters, willRender: true, now).IsAllowed)
                {
                    return VariantRenderOutcome.RefusedByPlan;
                }
                await derived.RenderAsync(target, context, ct).ConfigureAwait(false);
                // Counted at once (not after the loop), so the next result's quota check sees it.
                await usage.AddAsync(ownerId, UsageMonth.Of(now), new UsageDelta(0, 1, 0, 0), ct).ConfigureAwait(false);
                rendered++;
            }
            finally
            {
                gate.Release();
            }
        }
        return rendered > 0 ? VariantRenderOutcome.Rendered : VariantRenderOutcome.AlreadyPresent;
    }

    private static IEnumerable<TransformContext> Contexts(TransformSpec spec, Plan plan) =>
        spec.Format == OutputFormat.Auto
            ? AutoAccepts.Select(accept => new TransformContext(accept, plan.AvifAllowed, plan.MaxOutputDimension))
            : [new TransformContext(null, plan.AvifAllowed, plan.MaxOutputDimension)];
}
