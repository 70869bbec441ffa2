using System.Net;
using System.Text.Json;
using ImageService.Api.Billing;
using ImageService.Core.Usage;

namespace ImageService.Billing.Tests;

/// <summary>The hourly overage reports to Stripe Billing Meters: amounts, identifiers, retries, restarts.</summary>
public sealed class MeterReportTests
{
    private const long ProIncludedBytes = 100L << 30; // the pro plan's code default

    [Fact]
    public async Task The_months_excess_is_reported_once_per_hour_with_deterministic_identifiers_and_shows_in_usage()
    {
        await using var billing = await BillingTestApp.StartAsync();
        await billing.SubscribeAsync("hank");
        var customer = (await billing.Accounts.GetAsync("hank"))!.Billing.CustomerId;
        await billing.AddUsageAsync("hank", new UsageDelta(130, 130, ProIncludedBytes + 5_000, 0));
        var hour = MeterReporter.HourOf(billing.Time.GetUtcNow());

        var first = await billing.Reporter.RunAsync();
        var again = await billing.Reporter.RunAsync();

        Assert.Equal((2, 2, 0), (first.Made, first.Sent, first.Unsent));
        Assert.Equal((0, 0, 0), (again.Made, again.Sent, again.Unsent));
        var events = billing.Stripe.MeterEvents.ToDictionary(e => (string)e["identifier"]!);
        Assert.Equal([$"hank:bandwidth:{hour}", $"hank:transformations:{hour}"], events.Keys.Order());
        var transformations = events[$"hank:transformations:{hour}"];
        Assert.Equal("imageservice_transformations", (string)transformations["event_name"]!);
        Assert.Equal("30", (string)transformations["payload"]!["value"]!);
        Assert.Equal(customer, (string)transformations["payload"]!["stripe_customer_id"]!);
        Assert.Equal("5000", (string)events[$"hank:bandwidth:{hour}"]["payload"]!["value"]!);
        Assert.Equal("imageservice_bandwidth_bytes", (string)events[$"hank:bandwidth:{hour}"]["event_name"]!);

        // The next hour reports only what was added since.
        billing.Time.Advance(TimeSpan.FromHours(1));
        await billing.AddUsageAsync("hank", new UsageDelta(10, 10, 0, 0));
        var next = await billing.Reporter.RunAsync();
        Assert.Equal(1, next.Sent);
        var nextEvent = Assert.Single(billing.Stripe.MeterEvents, e => (string)e["identifier"]! == $"hank:transformations:{MeterReporter.HourOf(billing.Time.GetUtcNow())}");
        Assert.Equal("10", (string)nextEvent["payload"]!["value"]!);

        var reported = (await UsageAsync(billing, "hank")).GetProperty("reported");
        Assert.Equal(40, reported.GetProperty("transformations").GetInt64());
        Assert.Equal(5_000, reported.GetProperty("bandwidthBytes").GetInt64());
        Assert.Equal(0, reported.GetProperty("pendingTransformations").GetInt64());
    }

    [Fact]
    public async Task A_report_Stripe_refuses_is_kept_and_sent_once_by_a_later_run_even_after_a_restart()
    {
        await using var billing = await BillingTestApp.StartAsync();
        await billing.SubscribeAsync("ivy");
        await billing.AddUsageAsync("ivy", new UsageDelta(125, 125, 0, 0));
        // Stripe.net retries twice itself: three failures make the whole attempt fail.
        billing.Stripe.FailNextMeterEvents = 3;

        var failed = await billing.Reporter.RunAsync();

        Assert.Equal((1, 0, 1), (failed.Made, failed.Sent, failed.Unsent));
        Assert.Empty(billing.Stripe.MeterEvents);
        var pending = (await UsageAsync(billing, "ivy")).GetProperty("reported");
        Assert.Equal((0, 25), (pending.GetProperty("transformations").GetInt64(), pending.GetProperty("pendingTransformations").GetInt64()));

        // A new process, later in the same hour, with more usage: the ledger's report goes as it was made.
        await using var restarted = await billing.RestartAsync();
        await restarted.AddUsageAsync("ivy", new UsageDelta(5, 5, 0, 0));
        var retried = await restarted.Reporter.RunAsync();
        await restarted.Reporter.RunAsync();

        Assert.Equal((0, 1, 0), (retried.Made, retried.Sent, retried.Unsent));
        var meterEvent = Assert.Single(restarted.Stripe.MeterEvents);
        Assert.Equal("25", (string)meterEvent["payload"]!["value"]!);
        // The 5 added after the report wait for the next hour's report.
        restarted.Time.Advance(TimeSpan.FromHours(1));
        await restarted.Reporter.RunAsync();
        Assert.Equal(["25", "5"], restarted.Stripe.MeterEvents.Select(e => (string)e["payload"]!["value"]!));
    }

    [Fact]
    public async Task A_report_whose_answer_was_lost_is_counted_once_when_sent_again()
    {
        await using var billing = await BillingTestApp.StartAsync();
        await billing.SubscribeAsync("jack");
        await billing.AddUsageAsync("jack", new UsageDelta(101, 101, 0, 0));
        // Stripe stores the event, the answer never arrives; the client sends it again with the same identifier.
        billing.Stripe.LoseNextMeterEventResponses = 1;

        var run = await billing.Reporter.RunAsync();

        Assert.Equal(1, run.Sent);
        var meterEvent = Assert.Single(billing.Stripe.MeterEvents);
        Assert.Equal("1", (string)meterEvent["payload"]!["value"]!);
        Assert.True(billing.Stripe.Requests.Count(r => r.Path == "/v1/billing/meter_events") >= 2);
    }

    [Fact]
    public async Task Accounts_without_a_live_subscription_or_within_their_quota_report_nothing()
    {
        await using var billing = await BillingTestApp.StartAsync();
        await billing.SubscribeAsync("kim");
        await billing.AddUsageAsync("kim", new UsageDelta(100, 100, 0, 0)); // exactly the included amount
        var canceled = await billing.SubscribeAsync("lee");
        await billing.Stripe.SetSubscriptionStatusAsync(canceled, "canceled");
        await billing.UntilAsync("lee", a => a.GetProperty("billing").GetProperty("status").GetString() == "canceled");
        await billing.AddUsageAsync("lee", new UsageDelta(900, 900, 0, 0));

        var run = await billing.Reporter.RunAsync();

        Assert.Equal((0, 0, 0), (run.Made, run.Sent, run.Unsent));
        Assert.Empty(billing.Stripe.MeterEvents);
    }

    private static async Task<JsonElement> UsageAsync(BillingTestApp billing, string user)
    {
        using var client = billing.Client(user);
        using var response = await client.GetAsync(new Uri("/usage?month=" + UsageMonth.Of(billing.Time.GetUtcNow()), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
