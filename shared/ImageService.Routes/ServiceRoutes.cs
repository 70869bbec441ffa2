namespace ImageService.Routes;

/// <summary>
/// The one route table of the deployed service: every HTTP API route, the function (route group) behind it and
/// whether it needs a token. Infra creates exactly these routes and one function per group; a test in
/// ImageService.Infra.Tests compares what the API maps for each group with the synthesised routes.
/// </summary>
public static class ServiceRoutes
{
    /// <summary>Every <see cref="RouteAccess.Owner"/> route is served again under this prefix (<c>/server/images</c>, …)
    /// for server-to-server callers with <c>X-API-Key</c>: API Gateway's JWT authorizer refuses requests without a bearer
    /// token on the plain routes, so the prefixed ones pass through and the app authenticates the key.</summary>
    public const string ServerPathBase = "/server";

    private const string Get = "GET";
    private const string Head = "HEAD";
    private const string Post = "POST";
    private const string Put = "PUT";
    private const string Patch = "PATCH";
    private const string Delete = "DELETE";

    public static IReadOnlyList<ServiceRoute> All { get; } =
    [
        Owner(RouteGroup.Upload, Post, "/images"),
        Owner(RouteGroup.Upload, Post, "/images/uploads"),
        Owner(RouteGroup.Upload, Post, "/images/{id}/complete"),

        Owner(RouteGroup.Get, Get, "/images/{id}"),
        Owner(RouteGroup.Get, Get, "/images/{id}/original"),
        Owner(RouteGroup.Get, Get, "/images/{id}/display"),
        Owner(RouteGroup.Get, Get, "/images/{id}/thumbnail"),
        // Every process maps /health; through API Gateway the get function answers it (it holds DescribeTable).
        Public(RouteGroup.Get, Get, "/health"),

        Owner(RouteGroup.List, Get, "/images"),
        Owner(RouteGroup.Update, Patch, "/images/{id}"),
        Owner(RouteGroup.Delete, Delete, "/images/{id}"),

        // On-the-fly transforms of one's own image render (and store derived results) like delivery does.
        Owner(RouteGroup.Transform, Get, "/images/{id}/content"),
        // Delivery: the public key in the path is the credential (plus optional signed-URL parameters). Literal first
        // segments (/images, /health) win over these in API Gateway's route selection, as in the app's.
        Public(RouteGroup.Transform, Get, "/{publicKey}/{proxy+}"),
        Public(RouteGroup.Transform, Head, "/{publicKey}/{proxy+}"),
        // Delivery on a customer's custom domain: the host names the account, the whole path is the image id or path.
        Public(RouteGroup.Transform, Get, "/{proxy+}"),
        Public(RouteGroup.Transform, Head, "/{proxy+}"),

        Owner(RouteGroup.Account, Get, "/account"),
        Owner(RouteGroup.Account, Patch, "/account"),
        Owner(RouteGroup.Account, Get, "/account/keys"),
        Owner(RouteGroup.Account, Post, "/account/keys"),
        Owner(RouteGroup.Account, Delete, "/account/keys/{id}"),
        Owner(RouteGroup.Account, Post, "/account/signed-urls"),
        // Named variants; changing or deleting one purges its results (derived objects, CDN).
        Owner(RouteGroup.Account, Get, "/account/variants"),
        Owner(RouteGroup.Account, Get, "/account/variants/{name}"),
        Owner(RouteGroup.Account, Put, "/account/variants/{name}"),
        Owner(RouteGroup.Account, Delete, "/account/variants/{name}"),
        Owner(RouteGroup.Account, Get, "/usage"),
        Owner(RouteGroup.Account, Get, "/usage/current"),

        // Billing runs from the non-AOT artifact (Stripe.net). The webhook is public: Stripe's signature is the credential.
        Public(RouteGroup.Billing, Get, "/billing/plans"),
        Owner(RouteGroup.Billing, Post, "/billing/checkout"),
        Owner(RouteGroup.Billing, Post, "/billing/portal"),
        Public(RouteGroup.Billing, Post, "/billing/webhook"),
        Owner(RouteGroup.Jobs, Post, "/jobs"),
        Owner(RouteGroup.Jobs, Get, "/jobs"),
        Owner(RouteGroup.Jobs, Get, "/jobs/{id}"),
        Owner(RouteGroup.Jobs, Post, "/jobs/{id}/cancel"),
        Owner(RouteGroup.Jobs, Get, "/workflows"),
    ];

    /// <summary>Groups whose function is invoked by events (S3 notifications, queues, schedules), never by API Gateway:
    /// they have no routes in <see cref="All"/>.</summary>
    public static IReadOnlyList<RouteGroup> EventDriven { get; } = [RouteGroup.CdnLogs, RouteGroup.Worker];

    /// <summary>The Lambda handler name of a group's function, which the API reads back as its route group.</summary>
    public static string HandlerName(RouteGroup group) => group.ToString().ToLowerInvariant();

    private static ServiceRoute Owner(RouteGroup group, string method, string path) => new(group, method, path, RouteAccess.Owner);

    private static ServiceRoute Public(RouteGroup group, string method, string path) => new(group, method, path, RouteAccess.Public);
}
