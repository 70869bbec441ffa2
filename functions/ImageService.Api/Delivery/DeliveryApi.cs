using ImageService.Api.Hosting;
using ImageService.Api.OpenApi;
using ImageService.Api.Problems;
using Microsoft.AspNetCore.Cors;

namespace ImageService.Api.Delivery;

/// <summary>
/// The public delivery routes <c>GET /{publicKey}/{imageId}?&lt;transform&gt;</c> and, on a customer's own domain,
/// <c>GET /{imageId}?&lt;transform&gt;</c> (no bearer token: the public key or the host names the account; signatures, allowed origins, plan, rate and quota decide). It belongs to the transform route group:
/// the Lambda function that renders /images/{id}/content serves it too.
/// </summary>
public static class DeliveryApi
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    // Both delivery routes answer the gate's refusals, the transform's and the image's.
    private static readonly string[] DeliveryProblems =
    [
        ProblemTypes.Validation, ProblemTypes.PlanFeatureUnavailable, ProblemTypes.AccountSuspended, ProblemTypes.OriginNotAllowed,
        ProblemTypes.SignatureRequired, ProblemTypes.SignatureInvalid, ProblemTypes.VariantRequired, ProblemTypes.NotFound, ProblemTypes.SignatureExpired,
        ProblemTypes.UnprocessableImage, ProblemTypes.TooManyRequests, ProblemTypes.QuotaExceeded, ProblemTypes.Internal,
        ProblemTypes.StorageUnavailable, ProblemTypes.RenderQueueFull,
    ];

    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!groups.HasFlag(ApiRouteGroups.Transform))
        {
            return routes;
        }
        // HEAD as well: link checkers and some CDNs probe with it (headers and length as for GET, no body).
        routes.MapMethods($"/{{publicKey:{PublicKeyRouteConstraint.Name}}}/{{**path}}", GetAndHead, DeliveryHandler.DeliverAsync)
            .WithName("Deliver")
            .WithTags("Delivery")
            .WithSummary("Deliver an image transformed by w, h, dpr, fit, gravity, bg, q, f, blur, rot, flip, flop, or by one named variant alone (variant=; sig and exp sign the URL).")
            .WithDescription("Derived results are stored and served with a one-year immutable Cache-Control and a strong ETag; results above the response cap answer 302 to a short-lived link.")
            .ProducesImage(redirects: true)
            .ProducesProblems(DeliveryProblems)
            .WithMetadata(new DisableCorsAttribute()) // the account's allowed origins decide (DeliveryHeaders)
            .AllowAnonymous();
        // On a customer's own domain the host names the account, so the path is the image id or the image's own path.
        // Every other route (literal segments, the public-key route) takes precedence over this catch-all.
        routes.MapMethods("/{**image}", GetAndHead, DeliveryHandler.DeliverOnCustomDomainAsync)
            .WithName("DeliverOnCustomDomain")
            .WithTags("Delivery")
            .WithSummary("Deliver an image on one of the account's custom domains (PATCH /account customDomains); same parameters as Deliver.")
            .ProducesImage(redirects: true)
            .ProducesProblems(DeliveryProblems)
            .WithMetadata(new DisableCorsAttribute()) // the account's allowed origins decide (DeliveryHeaders)
            .AllowAnonymous();
        return routes;
    }
}
