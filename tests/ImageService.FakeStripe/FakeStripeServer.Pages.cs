using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImageService.FakeStripe;

// The pages a customer's browser opens: the Checkout Session's url (a "Pay" button) and the Billing Portal's url
// (a "Cancel subscription" button). Plain HTML forms, so a headless browser or curl can drive them.
public sealed partial class FakeStripeServer
{
    private IResult CheckoutPage(HttpContext context)
    {
        var session = CheckoutSession((string)context.GetRouteValue("id")!);
        if (session is null)
        {
            return Results.NotFound();
        }
        var id = WebUtility.HtmlEncode((string)session["id"]!);
        var cancel = (string?)session["cancel_url"] is { } url ? $"""<p><a href="{WebUtility.HtmlEncode(url)}">Cancel</a></p>""" : "";
        var done = (string?)session["status"] == "complete" ? "<p role=\"status\">This session is already paid.</p>" : "";
        return Page("Checkout (fake Stripe)", $"""
            <h1>Checkout</h1>
            <p>Session <code>{id}</code> for customer <code>{WebUtility.HtmlEncode((string?)session["customer"] ?? "")}</code>.</p>
            {done}
            <form method="post" action="/checkout/{id}/pay"><button type="submit">Pay</button></form>
            {cancel}
            """);
    }

    private async Task<IResult> PayAsync(HttpContext context)
    {
        var id = (string)context.GetRouteValue("id")!;
        if (CheckoutSession(id) is not { } session)
        {
            return Results.NotFound();
        }
        await CompleteCheckoutAsync(id);
        return SeeOther(((string)session["success_url"]!).Replace("{CHECKOUT_SESSION_ID}", id, StringComparison.Ordinal));
    }

    private IResult PortalPage(HttpContext context)
    {
        var portal = Find(_portalSessions, (string)context.GetRouteValue("id")!);
        if (portal is null)
        {
            return Results.NotFound();
        }
        var customer = (string)portal["customer"]!;
        var live = Subscriptions.Where(s => (string?)s["customer"] == customer && (string?)s["status"] is not ("canceled" or "incomplete_expired")).ToList();
        var list = live.Count == 0
            ? "<p>No active subscription.</p>"
            : string.Concat(live.Select(s => $"<p>Subscription <code>{WebUtility.HtmlEncode((string)s["id"]!)}</code>: {WebUtility.HtmlEncode((string)s["status"]!)}</p>"));
        var cancel = live.Count == 0 ? "" : $"""<form method="post" action="/portal/{WebUtility.HtmlEncode((string)portal["id"]!)}/cancel"><button type="submit">Cancel subscription</button></form>""";
        var back = (string?)portal["return_url"] is { } url ? $"""<p><a href="{WebUtility.HtmlEncode(url)}">Return</a></p>""" : "";
        return Page("Billing portal (fake Stripe)", $"""
            <h1>Billing portal</h1>
            <p>Customer <code>{WebUtility.HtmlEncode(customer)}</code>.</p>
            {list}
            {cancel}
            {back}
            """);
    }

    private async Task<IResult> CancelFromPortalAsync(HttpContext context)
    {
        var portal = Find(_portalSessions, (string)context.GetRouteValue("id")!);
        if (portal is null)
        {
            return Results.NotFound();
        }
        var customer = (string)portal["customer"]!;
        foreach (var subscription in Subscriptions.Where(s => (string?)s["customer"] == customer && (string?)s["status"] is not ("canceled" or "incomplete_expired")))
        {
            await SetSubscriptionStatusAsync((string)subscription["id"]!, "canceled");
        }
        return SeeOther((string?)portal["return_url"] ?? "/portal/" + (string)portal["id"]!);
    }

    /// <summary>303: the browser follows a form POST with a GET, as after Stripe's hosted pages.</summary>
    private static SeeOtherResult SeeOther(string url) => new(url);

    private sealed class SeeOtherResult(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }

    private static IResult Page(string title, string body) => Results.Content($"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
        <body><main>
        {body}
        </main></body></html>
        """, "text/html; charset=utf-8");
}
