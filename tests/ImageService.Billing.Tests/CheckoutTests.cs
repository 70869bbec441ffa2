using System.Net;

namespace ImageService.Billing.Tests;

/// <summary>Plans, checkout and the portal against the fake Stripe API, through the real Stripe.net client.</summary>
public sealed class CheckoutTests
{
    [Fact]
    public async Task Plans_are_public_and_say_which_can_be_bought()
    {
        await using var billing = await BillingTestApp.StartAsync();
        using var anonymous = billing.App.CreateClient();

        using var response = await anonymous.GetAsync(new Uri("/billing/plans", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("free", body.GetProperty("defaultPlanId").GetString());
        var plans = body.GetProperty("plans").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal(["business", "free", "pro"], plans.Keys.Order());
        Assert.False(plans["free"].GetProperty("purchasable").GetBoolean());
        Assert.True(plans["pro"].GetProperty("purchasable").GetBoolean());
        Assert.True(plans["pro"].GetProperty("transformationsOverage").GetBoolean());
        Assert.False(plans["business"].GetProperty("transformationsOverage").GetBoolean());
        Assert.Equal(BillingTestApp.ProIncludedTransformations, plans["pro"].GetProperty("monthlyTransformations").GetInt64());
        Assert.True(plans["business"].GetProperty("customDomains").GetBoolean());
    }

    [Fact]
    public async Task Checkout_sends_the_plans_price_account_and_metadata_to_Stripe_and_paying_moves_the_account_to_the_plan()
    {
        await using var billing = await BillingTestApp.StartAsync();
        var before = await billing.AccountAsync("alice");
        Assert.Equal("free", before.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal("none", before.GetProperty("billing").GetProperty("status").GetString());

        var sessionId = await billing.CheckoutAsync("alice", "pro");

        var customer = Assert.Single(billing.Stripe.Requests, r => r.Path == "/v1/customers");
        Assert.Equal("alice", customer.Fields["metadata[account_id]"]);
        Assert.Equal("customer:alice", customer.IdempotencyKey);
        var checkout = Assert.Single(billing.Stripe.Requests, r => r.Path == "/v1/checkout/sessions").Fields;
        Assert.Equal("subscription", checkout["mode"]);
        Assert.Equal(BillingTestApp.ProPrice, checkout["line_items[0][price]"]);
        Assert.Equal("1", checkout["line_items[0][quantity]"]);
        // The metered overage prices ride along without a quantity, so the subscription can bill them.
        Assert.Equal(BillingTestApp.ProTransformationsOverage, checkout["line_items[1][price]"]);
        Assert.Equal(BillingTestApp.ProBandwidthOverage, checkout["line_items[2][price]"]);
        Assert.False(checkout.ContainsKey("line_items[1][quantity]"));
        Assert.Equal("alice", checkout["client_reference_id"]);
        Assert.Equal("alice", checkout["subscription_data[metadata][account_id]"]);
        Assert.Equal("pro", checkout["subscription_data[metadata][plan_id]"]);
        Assert.Equal("alice", checkout["metadata[account_id]"]);
        Assert.Equal(billing.Stripe.Customers.Single()["id"]!.GetValue<string>(), checkout["customer"]);
        Assert.Equal("https://dashboard.example/app/?billing=success&session_id={CHECKOUT_SESSION_ID}", checkout["success_url"]);
        Assert.Equal("https://dashboard.example/app/?billing=canceled", checkout["cancel_url"]);

        var subscriptionId = await billing.Stripe.CompleteCheckoutAsync(sessionId);
        var after = await billing.UntilAsync("alice", a => a.GetProperty("plan").GetProperty("id").GetString() == "pro");

        var status = after.GetProperty("billing");
        Assert.Equal("active", status.GetProperty("status").GetString());
        Assert.Equal("pro", status.GetProperty("plan").GetString());
        Assert.False(status.GetProperty("cancelAtPeriodEnd").GetBoolean());
        var periodEnd = billing.Stripe.Subscription(subscriptionId)!["items"]!["data"]![0]!["current_period_end"]!.GetValue<long>();
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(periodEnd), status.GetProperty("currentPeriodEnd").GetDateTimeOffset());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, status.GetProperty("graceUntil").ValueKind);
        Assert.True((await billing.Accounts.GetAsync("alice"))!.PlanId == "pro");
    }

    [Fact]
    public async Task The_checkout_page_has_a_Pay_button_that_completes_the_session_and_returns_to_the_success_url()
    {
        await using var billing = await BillingTestApp.StartAsync();
        var sessionId = await billing.CheckoutAsync("bob");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(new Uri($"{billing.Stripe.BaseUrl}/checkout/{sessionId}"));
        Assert.Contains("<button type=\"submit\">Pay</button>", page, StringComparison.Ordinal);
        using var paid = await browser.PostAsync(new Uri($"{billing.Stripe.BaseUrl}/checkout/{sessionId}/pay"), null);

        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Equal($"https://dashboard.example/app/?billing=success&session_id={sessionId}", paid.Headers.Location!.ToString());
        await billing.UntilAsync("bob", a => a.GetProperty("plan").GetProperty("id").GetString() == "pro");
    }

    [Fact]
    public async Task The_customer_is_created_once_however_often_checkout_is_started()
    {
        await using var billing = await BillingTestApp.StartAsync();

        await billing.CheckoutAsync("carol");
        await billing.CheckoutAsync("carol", "business");

        Assert.Single(billing.Stripe.Customers);
        Assert.Equal(2, billing.Stripe.Requests.Count(r => r.Path == "/v1/checkout/sessions"));
        Assert.Equal(billing.Stripe.Customers[0]["id"]!.GetValue<string>(), (await billing.Accounts.GetAsync("carol"))!.Billing.CustomerId);
    }

    [Fact]
    public async Task A_subscribed_account_is_sent_to_the_portal_instead_of_a_second_checkout()
    {
        await using var billing = await BillingTestApp.StartAsync();
        await billing.SubscribeAsync("dave");
        using var client = billing.Client("dave");

        using var response = await client.PostAsync(new Uri("/billing/checkout", UriKind.Relative), BillingTestApp.JsonBody("{\"plan\":\"business\"}"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:already-subscribed", problem.GetProperty("type").GetString());
        Assert.Equal("/billing/portal", problem.GetProperty("portal").GetString());
    }

    [Theory]
    [InlineData("{\"plan\":\"platinum\"}")]
    [InlineData("{\"plan\":\"free\"}")]
    [InlineData("{}")]
    public async Task Checkout_of_an_unknown_or_unpurchasable_plan_is_a_400(string body)
    {
        await using var billing = await BillingTestApp.StartAsync();
        using var client = billing.Client("erin");

        using var response = await client.PostAsync(new Uri("/billing/checkout", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("plan", out _));
        Assert.DoesNotContain(billing.Stripe.Requests, r => r.Path == "/v1/checkout/sessions");
    }

    [Fact]
    public async Task The_portal_needs_a_customer_and_its_page_cancels_the_subscription_which_moves_the_account_to_free()
    {
        await using var billing = await BillingTestApp.StartAsync();
        using var client = billing.Client("frank");
        using (var none = await client.PostAsync(new Uri("/billing/portal", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }
        await billing.SubscribeAsync("frank");

        using var response = await client.PostAsync(new Uri("/billing/portal", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await response.JsonAsync()).GetProperty("url").GetString()!;
        var portal = Assert.Single(billing.Stripe.Requests, r => r.Path == "/v1/billing_portal/sessions").Fields;
        Assert.Equal("https://dashboard.example/app/", portal["return_url"]);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        Assert.Contains(">Cancel subscription</button>", await browser.GetStringAsync(new Uri(url)), StringComparison.Ordinal);
        using var canceled = await browser.PostAsync(new Uri(url + "/cancel"), null);

        Assert.Equal(HttpStatusCode.SeeOther, canceled.StatusCode);
        var after = await billing.UntilAsync("frank", a => a.GetProperty("billing").GetProperty("status").GetString() == "canceled");
        Assert.Equal("free", after.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal("pro", after.GetProperty("billing").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Without_a_secret_key_the_Stripe_routes_are_503_and_the_rest_works()
    {
        await using var billing = await BillingTestApp.StartAsync(new() { ["Billing:Stripe:SecretKey"] = "", ["Billing:Stripe:WebhookSecret"] = "" });
        using var client = billing.Client("gina");

        foreach (var path in new[] { "/billing/checkout", "/billing/portal", "/billing/webhook" })
        {
            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), BillingTestApp.JsonBody("{\"plan\":\"pro\"}"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("urn:imageservice:problem:billing-not-configured", (await response.ReadProblemAsync()).GetProperty("type").GetString());
        }
        var account = await billing.AccountAsync("gina");
        Assert.Equal("none", account.GetProperty("billing").GetProperty("status").GetString());
        using var plans = await client.GetAsync(new Uri("/billing/plans", UriKind.Relative));
        Assert.All((await plans.JsonAsync()).GetProperty("plans").EnumerateArray(), p => Assert.False(p.GetProperty("purchasable").GetBoolean()));
        Assert.Empty(billing.Stripe.Requests);
    }
}
