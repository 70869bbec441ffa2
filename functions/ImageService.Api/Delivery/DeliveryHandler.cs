using System.Globalization;
using ImageService.Api.Accounts;
using ImageService.Api.Images;
using ImageService.Api.Problems;
using ImageService.Api.Usage;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Delivery;
using ImageService.Core.Images;
using ImageService.Core.Imaging;
using ImageService.Core.Storage;
using ImageService.Core.Usage;
using ImageService.Core.Variants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
// Every answer of the delivery routes, named once.
using DeliveryResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.FileStreamHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult,
    ImageService.Api.Images.NotModified,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace ImageService.Api.Delivery;

/// <summary>
/// GET /{publicKey}/{imageId}, and GET /{imageId} on a custom domain: the gate (key, suspension, origin, signature, rate, bandwidth), then the image (another
/// account's image is 404), the transform (400 listing errors, 403 naming a plan feature), the derived result from
/// storage or rendered (transformation quota checked only then) and stored. Usage is recorded after the response is sent
/// (<see cref="UsageRecorder"/>).
/// </summary>
internal static class DeliveryHandler
{
    public static Task<DeliveryResult> DeliverAsync(string publicKey, string? path, [AsParameters] DeliveryServices services)
    {
        var request = services.Context.Request;
        var delivery = new DeliveryRequest(publicKey, request.Path.Value ?? "/", request.QueryString.Value, request.Headers.Origin, request.Headers.Referer);
        return DeliverAsync(delivery, path, services);
    }

    /// <summary>GET /{image} on a customer's own domain: the host names the account (X-Forwarded-Host from the CDN, else
    /// Host). Unknown hosts are 404; a plan without custom domains is 403 naming the feature.</summary>
    public static async Task<DeliveryResult> DeliverOnCustomDomainAsync(string? image, [AsParameters] DeliveryServices services)
    {
        var request = services.Context.Request;
        var forwarded = request.Headers["X-Forwarded-Host"].ToString();
        var host = CustomDomains.FromRequestHost(forwarded.Length > 0 ? forwarded : request.Host.Value);
        // /{something like a key}/{image} reaches this catch-all only when the key is malformed (the public-key route
        // takes well-formed ones); say that rather than blaming the host, unless the host is an account's domain.
        var malformedKey = MalformedPublicKey(image);
        if (host is null)
        {
            return ApiProblems.NotFound(malformedKey ?? "No account delivers from this host.");
        }
        var delivery = DeliveryRequest.ForCustomDomain(host, request.Path.Value ?? "/", request.QueryString.Value, request.Headers.Origin, request.Headers.Referer);
        return await DeliverAsync(delivery, image, services, unknownAccountDetail: malformedKey);
    }

    private static string? MalformedPublicKey(string? image)
    {
        var slash = image?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0 || !image!.StartsWith(ApiKeys.PublicKeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"'{image[..slash]}' is not a well-formed public key: {ApiKeys.PublicKeyPrefix} followed by {ApiKeys.PublicKeyRandomLength} letters and digits (GET /account shows yours).");
    }

    private static async Task<DeliveryResult> DeliverAsync(DeliveryRequest delivery, string? path, DeliveryServices services,
        string? unknownAccountDetail = null)
    {
        var context = services.Context;
        var now = services.Time.GetUtcNow();
        var access = await services.Gate.CheckAsync(delivery, services.CancellationToken);
        if (access.Account is not { } account)
        {
            return access.Outcome == DeliveryOutcome.UnknownKey && unknownAccountDetail is not null
                ? ApiProblems.NotFound(unknownAccountDetail)
                : Refuse(context, access);
        }
        var (result, delta) = access.IsAllowed
            ? await ServeAsync(path, access, account, services, now)
            : (Refuse(context, access), UsageDelta.RequestOnly);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            // Nothing was sent (a render on a miss is still a transformation).
            delta = delta with { BytesServed = 0, CacheHits = 0 };
        }
        context.Response.OnCompleted(() => services.Usage.RecordAsync(account.Id, UsageMonth.Of(now), delta));
        return result;
    }

    private static async Task<(DeliveryResult, UsageDelta)> ServeAsync(
        string? path, DeliveryAccess access, Account account, DeliveryServices services, DateTimeOffset now)
    {
        var (context, derived, options, cancellationToken) = (services.Context, services.Derived, services.Options.Value, services.CancellationToken);
        var plan = access.Plan!;
        var requested = await services.Transforms.ResolveAsync(account, access.TransformParameters, cancellationToken);
        switch (requested.Status)
        {
            case DeliveryTransformStatus.Invalid:
                return (ApiProblems.Validation(new Dictionary<string, string[]>(requested.Errors, StringComparer.Ordinal), "One or more transform parameters are invalid."),
                    UsageDelta.RequestOnly);
            case DeliveryTransformStatus.VariantNotFound:
                return (ApiProblems.NotFound("The account has no variant of this name."), UsageDelta.RequestOnly);
            case DeliveryTransformStatus.VariantRequired:
                return (ApiProblems.Problem(ProblemTypes.VariantRequired, "This account serves only named variants: use ?variant={name}."), UsageDelta.RequestOnly);
        }
        var spec = requested.Spec!;
        var cacheControl = requested.Variant is null ? DeliveryHeaders.PublicImmutable : DeliveryHeaders.Variant;
        if (PlanGate.CheckTransform(plan, spec) is { IsAllowed: false } refused)
        {
            return (PlanProblems.From(context, refused), UsageDelta.RequestOnly);
        }
        // Only the account's own images: the store answers null for another owner's, which is a 404 like absence.
        var image = path is null ? null : await ImageLookup.FindByIdOrPathAsync(services.Images, account.Id, path, cancellationToken);
        if (image is not { Status: ImageStatus.Ready })
        {
            return (ApiProblems.NotFound(), UsageDelta.RequestOnly);
        }

        var transformContext = new TransformContext(context.Request.Headers.Accept.ToString(), plan.AvifAllowed, plan.MaxOutputDimension);
        var target = await derived.ResolveAsync(image, spec, transformContext, cancellationToken);
        var response = context.Response;
        DeliveryHeaders.Apply(response, access.AccessControlAllowOrigin, variesOnAccept: spec.Format == OutputFormat.Auto);
        if (HttpCaching.NoneMatchHits(context.Request, target.ETag))
        {
            response.Headers.ETag = target.ETag;
            response.Headers.CacheControl = cacheControl;
            return (NotModified.Instance, UsageDelta.RequestOnly);
        }

        var stored = await derived.FindAsync(target, cancellationToken);
        if (stored is not null)
        {
            var length = stored.Length;
            if (length > options.MaxInlineResponseBytes)
            {
                await stored.DisposeAsync();
                return (await RedirectAsync(context, services.Links, target, options, cancellationToken), UsageDelta.ForDelivery(length, rendered: false));
            }
            response.Headers.CacheControl = cacheControl;
            return (TypedResults.Stream(stored.Content, stored.ContentType, entityTag: EntityTagHeaderValue.Parse(target.ETag)),
                UsageDelta.ForDelivery(length, rendered: false));
        }

        // Only a miss renders, so only a miss spends the transformation quota.
        if (PlanGate.CheckQuota(plan, access.Usage ?? UsageCounters.Empty(account.Id, UsageMonth.Of(now)), willRender: true, now) is { IsAllowed: false } overQuota)
        {
            return (PlanProblems.From(context, overQuota), UsageDelta.RequestOnly);
        }
        var rendered = await derived.RenderAsync(target, transformContext, cancellationToken);
        RenderLog.Rendered(services.RenderLogger, target, rendered);
        if (rendered.Bytes.Length > options.MaxInlineResponseBytes)
        {
            return (await RedirectAsync(context, services.Links, target, options, cancellationToken), UsageDelta.ForDelivery(rendered.Bytes.Length, rendered: true));
        }
        response.Headers.CacheControl = cacheControl;
        return (TypedResults.File(rendered.Bytes, rendered.ContentType, entityTag: EntityTagHeaderValue.Parse(target.ETag)),
            UsageDelta.ForDelivery(rendered.Bytes.Length, rendered: true));
    }

    private static async Task<RedirectHttpResult> RedirectAsync(
        HttpContext context, ILargeResultLinks links, DerivedTarget target, DeliveryOptions options, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var origin = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}");
        var location = await links.CreateAsync(origin, target.BlobKey, options.LargeResultLinkLifetime, cancellationToken);
        // The link expires, so caches may keep the redirect for only part of its life.
        var maxAge = (long)(options.LargeResultLinkLifetime.TotalSeconds / 5);
        context.Response.Headers.CacheControl = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"public, max-age={maxAge}");
        return TypedResults.Redirect(location.AbsoluteUri);
    }

    private static ProblemHttpResult Refuse(HttpContext context, DeliveryAccess access) =>
        access.PlanCheck is { } check
            ? PlanProblems.From(context, check)
            : ApiProblems.Problem(ProblemTypes.For(access.Outcome).Type, access.Detail);
}
