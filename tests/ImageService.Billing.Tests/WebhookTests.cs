using System.Net;
using System.Text.Json.Nodes;
using ImageService.Core.Billing;

namespace ImageService.Billing.Tests;

/// <summary>POST /billing/webhook: signatures, repeated and reordered deliveries, and the plan following the subscription.</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task Missing_wrong_and_stale_signatures_are_400_and_change_nothing()
    {
        await using var billing = await BillingTestApp.StartAsync();
        billing.Stripe.DeliverEvents = false;
        await billing.Stripe.CompleteCheckoutAsync(await billing.CheckoutAsync("alice"));
        var created = billing.Stripe.Events.Single(e => (string?)e["type"] == "customer.subscription.created");
        using var anonymous = billing.App.CreateClient();

        using var unsigned = await anonymous.PostAsync(new Uri("/billing/webhook", UriKind.Relative), BillingTestApp.JsonBody(created.ToJsonString()));
        using var wrongSecret = await billing.DeliverAsync(created, secret: "whsec_someone_else");
        using var stale = await billing.DeliverAsync(created, signedAt: billing.Time.GetUtcNow().AddMinutes(-6));
        using var tampered = await PostTamperedAsync(billing, created);

        foreach (var response in new[] { unsigned, wrongSecret, stale, tampered })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("urn:imageservice:problem:webhook-signature-invalid", (await response.ReadProblemAsync()).GetProperty("type").GetString());
        }
        Assert.Null(await billing.Store.GetEventAsync((string)created["id"]!));
        var account = await billing.AccountAsync("alice");
        Assert.Equal("free", account.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal("none", account.GetProperty("billing").GetProperty("status").GetString());

        // Within the tolerance (4 minutes old) the same event is accepted.
        using var recent = await billing.DeliverAsync(created, signedAt: billing.Time.GetUtcNow().AddMinutes(-4));
        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
        await billing.UntilAsync("alice", a => a.GetProperty("plan").GetProperty("id").GetString() == "pro");
    }

    [Fact]
    public async Task A_repeated_delivery_answers_200_and_changes_nothing()
    {
        await using var billing = await BillingTestApp.StartAsync();
        await billing.SubscribeAsync("bob");
        var account = await billing.Accounts.GetAsync("bob");
        var created = billing.Stripe.Events.Single(e => (string?)e["type"] == "customer.subscription.created");

        using var again = await billing.DeliverAsync(created);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var receipt = await again.JsonAsync();
        Assert.True(receipt.GetProperty("duplicate").GetBoolean());
        await Task.Delay(200); // anything applied after the answer would have landed by now
        var after = (await billing.Accounts.GetAsync("bob"))!;
        Assert.Equal((account!.Version, account.PlanId, account.Billing), (after.Version, after.PlanId, after.Billing));
    }

    [Fact]
    public async Task Shuffled_and_duplicated_events_end_in_the_state_Stripe_holds()
    {
        await using var billing = await BillingTestApp.StartAsync();
        billing.Stripe.DeliverEvents = false;
        // Stripe's history: a pro subscription, canceled, then a business subscription that is active now.
        var first = await billing.Stripe.CompleteCheckoutAsync(await billing.CheckoutAsync("carol", "pro"));
        await billing.Stripe.SetSubscriptionStatusAsync(first, "canceled");
        var second = await billing.Stripe.CompleteCheckoutAsync(await billing.CheckoutAsync("carol", "business"));
        await billing.Stripe.FailPaymentAsync(second);
        await billing.Stripe.PayInvoiceAsync(second);
        var events = billing.Stripe.Events;
        Assert.Equal(9, events.Count);

        // Every event twice, newest first: "deleted" of the old subscription arrives after the new one's "created".
        var deliveries = events.Concat(events).Reverse().ToList();
        foreach (var stripeEvent in deliveries)
        {
            using var response = await billing.DeliverAsync(stripeEvent);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(0, await billing.Events.ApplyPendingAsync());

        var account = await billing.UntilAsync("carol", a => a.GetProperty("plan").GetProperty("id").GetString() == "business");
        var status = account.GetProperty("billing");
        Assert.Equal("active", status.GetProperty("status").GetString());
        Assert.Equal("business", status.GetProperty("plan").GetString());
        Assert.Equal(second, (await billing.Accounts.GetAsync("carol"))!.Billing.SubscriptionId);
        Assert.All(events, e => Assert.NotNull(billing.Store.GetEventAsync((string)e["id"]!).Result?.AppliedAt));
    }

    [Fact]
    public async Task An_update_before_the_create_applies_the_subscription_as_Stripe_holds_it()
    {
        await using var billing = await BillingTestApp.StartAsync();
        billing.Stripe.DeliverEvents = false;
        var subscription = await billing.Stripe.CompleteCheckoutAsync(await billing.CheckoutAsync("dave"));
        await billing.Stripe.FailPaymentAsync(subscription);
        var updated = billing.Stripe.Events.Last(e => (string?)e["type"] == "customer.subscription.updated");

        using var response = await billing.DeliverAsync(updated);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = await billing.UntilAsync("dave", a => a.GetProperty("billing").GetProperty("status").GetString() == "past_due");
        Assert.Equal("pro", account.GetProperty("plan").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_failed_payment_keeps_the_plan_for_the_grace_period_then_falls_to_free_and_a_payment_restores_it()
    {
        await using var billing = await BillingTestApp.StartAsync(new() { ["Billing:PastDueGracePeriod"] = "3.00:00:00" });
        var subscription = await billing.SubscribeAsync("erin");
        var failedAt = billing.Time.GetUtcNow();

        await billing.Stripe.FailPaymentAsync(subscription);
        var pastDue = await billing.UntilAsync("erin", a => a.GetProperty("billing").GetProperty("status").GetString() == "past_due");
        Assert.Equal("pro", pastDue.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal(failedAt.AddDays(3), pastDue.GetProperty("billing").GetProperty("graceUntil").GetDateTimeOffset());

        // A second failure (Stripe's retry) does not move the grace period.
        billing.Time.Advance(TimeSpan.FromDays(2));
        await billing.Stripe.FailPaymentAsync(subscription);
        await Task.Delay(200);
        Assert.Equal(failedAt.AddDays(3), (await billing.Accounts.GetAsync("erin"))!.Billing.GraceUntil);

        billing.Time.Advance(TimeSpan.FromDays(1));
        var expired = await billing.AccountAsync("erin");
        Assert.Equal("free", expired.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal("past_due", expired.GetProperty("billing").GetProperty("status").GetString());

        await billing.Stripe.PayInvoiceAsync(subscription);
        var restored = await billing.UntilAsync("erin", a => a.GetProperty("billing").GetProperty("status").GetString() == "active");
        Assert.Equal("pro", restored.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, restored.GetProperty("billing").GetProperty("graceUntil").ValueKind);
    }

    [Theory]
    [InlineData("canceled")]
    [InlineData("unpaid")]
    [InlineData("incomplete_expired")]
    public async Task An_ended_subscription_moves_the_account_to_free_at_once(string status)
    {
        await using var billing = await BillingTestApp.StartAsync();
        var subscription = await billing.SubscribeAsync("frank");

        await billing.Stripe.SetSubscriptionStatusAsync(subscription, status);

        var account = await billing.UntilAsync("frank", a => a.GetProperty("billing").GetProperty("status").GetString() == status);
        Assert.Equal("free", account.GetProperty("plan").GetProperty("id").GetString());
        // Features the free plan lacks stop with the usual refusal.
        using var client = billing.Client("frank");
        using var signed = await client.PostAsync(new Uri("/account/signed-urls", UriKind.Relative),
            BillingTestApp.JsonBody("{\"image\":\"img_0000000000000000000000\"}"));
        Assert.Equal(HttpStatusCode.Forbidden, signed.StatusCode);
        Assert.Equal("urn:imageservice:problem:plan-feature-unavailable", (await signed.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_subscription_with_a_price_no_plan_uses_changes_nothing()
    {
        await using var billing = await BillingTestApp.StartAsync();
        var before = await billing.AccountAsync("gina");
        // A subscription made outside the service's checkout (say in Stripe's Dashboard) with a price no plan has.
        using var stripeApi = new HttpClient { BaseAddress = new Uri(billing.Stripe.BaseUrl) };
        stripeApi.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BillingTestApp.SecretKey);
        using var customer = await stripeApi.PostAsync(new Uri("/v1/customers", UriKind.Relative),
            new FormUrlEncodedContent([new("metadata[account_id]", "gina")]));
        var customerId = (await customer.JsonAsync()).GetProperty("id").GetString()!;
        using var session = await stripeApi.PostAsync(new Uri("/v1/checkout/sessions", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("mode", "subscription"), new("customer", customerId), new("success_url", "https://example.test/ok"),
            new("line_items[0][price]", "price_retired"), new("line_items[0][quantity]", "1"),
        ]));
        var sessionId = (await session.JsonAsync()).GetProperty("id").GetString()!;

        await billing.Stripe.CompleteCheckoutAsync(sessionId);

        foreach (var stripeEvent in billing.Stripe.Events)
        {
            await WaitAppliedAsync(billing.Store, (string)stripeEvent["id"]!);
        }
        var after = await billing.AccountAsync("gina");
        Assert.Equal("free", after.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal("none", after.GetProperty("billing").GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Event_types_the_service_does_not_act_on_are_accepted_and_ignored()
    {
        await using var billing = await BillingTestApp.StartAsync();
        var stripeEvent = new JsonObject
        {
            ["id"] = "evt_test_other",
            ["object"] = "event",
            ["api_version"] = "2025-11-17.clover",
            ["created"] = billing.Time.GetUtcNow().ToUnixTimeSeconds(),
            ["type"] = "customer.updated",
            ["livemode"] = false,
            ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = "cus_test_x", ["object"] = "customer" } },
        };

        using var response = await billing.DeliverAsync(stripeEvent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await WaitAppliedAsync(billing.Store, "evt_test_other");
        Assert.Equal("customer.updated", stored.Type);
    }

    /// <summary>Signed as Stripe sent it, then changed on the way: the body no longer matches its signature.</summary>
    private static async Task<HttpResponseMessage> PostTamperedAsync(BillingTestApp billing, JsonObject stripeEvent)
    {
        var header = FakeStripe.StripeSignature.Header(stripeEvent.ToJsonString(), BillingTestApp.WebhookSecret, billing.Time.GetUtcNow());
        var changed = JsonNode.Parse(stripeEvent.ToJsonString())!.AsObject();
        changed["data"]!["object"]!["status"] = "trialing";
        using var client = billing.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/billing/webhook") { Content = BillingTestApp.JsonBody(changed.ToJsonString()) };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
        return await client.SendAsync(request);
    }

    private static async Task<BillingEvent> WaitAppliedAsync(IBillingStore store, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await store.GetEventAsync(id) is { AppliedAt: not null } applied)
            {
                return applied;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Event {id} was never applied.");
            await Task.Delay(20);
        }
    }
}
