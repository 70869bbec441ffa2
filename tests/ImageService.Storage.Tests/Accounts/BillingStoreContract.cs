using ImageService.Core.Accounts;
using ImageService.Core.Billing;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>What both backends' billing stores promise: events by id (a repeat changes nothing), the meter-report
/// ledger (one report per account, meter and hour; its quantity fixed once written), and the accounts with a Stripe
/// customer. Ids are unique per test, so tests may share a store.</summary>
public abstract class BillingStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected abstract IBillingStore Store { get; }

    protected abstract IAccountStore Accounts { get; }

    private static BillingEvent NewEvent(string id, int minute = 0) => new()
    {
        Id = id,
        Type = "customer.subscription.updated",
        Created = At.AddMinutes(minute),
        SubscriptionId = "sub_" + id,
        AccountId = "acct_" + id,
        CustomerId = "cus_" + id,
        Payload = "{\"id\":\"" + id + "\"}",
        ReceivedAt = At.AddMinutes(minute),
    };

    private static MeterReport NewReport(string account, BillingMeter meter, string hour, long quantity) => new()
    {
        AccountId = account,
        Meter = meter,
        Hour = hour,
        Month = hour[..7],
        CustomerId = "cus_" + account,
        Quantity = quantity,
        CreatedAt = At,
    };

    [Fact]
    public async Task An_event_is_stored_once_by_id_and_listed_until_applied()
    {
        var id = "evt_" + Guid.NewGuid().ToString("N");
        var first = NewEvent(id);

        Assert.True(await Store.RecordEventAsync(first));
        Assert.False(await Store.RecordEventAsync(first with { Type = "invoice.paid", Payload = "{}" }));

        var stored = await Store.GetEventAsync(id);
        Assert.Equal(first, stored);
        Assert.Contains(await Store.ListUnappliedEventsAsync(1000), e => e.Id == id);

        await Store.MarkEventAsync(id, appliedAt: null);
        Assert.Equal(1, (await Store.GetEventAsync(id))!.Attempts);
        await Store.MarkEventAsync(id, At.AddMinutes(1));
        await Store.MarkEventAsync(id, At.AddMinutes(2)); // the first application time is kept

        var applied = await Store.GetEventAsync(id);
        Assert.Equal(At.AddMinutes(1), applied!.AppliedAt);
        Assert.Equal(3, applied.Attempts);
        Assert.DoesNotContain(await Store.ListUnappliedEventsAsync(1000), e => e.Id == id);
        Assert.Null(await Store.GetEventAsync("evt_missing_" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task A_report_is_kept_with_its_first_quantity_and_listed_as_unsent_until_marked()
    {
        var account = "acct_" + Guid.NewGuid().ToString("N");
        var report = NewReport(account, BillingMeter.Transformations, "2026-12-01T09", 30);

        var stored = await Store.AddReportAsync(report);
        var again = await Store.AddReportAsync(report with { Quantity = 45 });

        Assert.Equal(30, stored.Quantity);
        Assert.Equal(30, again.Quantity);
        Assert.Equal($"{account}:transformations:2026-12-01T09", again.Identifier);
        Assert.Contains(await Store.ListUnsentReportsAsync(1000), r => r.AccountId == account);

        await Store.MarkReportAsync(report, reportedAt: null);
        await Store.MarkReportAsync(report, At.AddHours(1));

        var listed = Assert.Single(await Store.ListReportsAsync(account, "2026-12"));
        Assert.Equal((30L, At.AddHours(1), 2), (listed.Quantity, listed.ReportedAt, listed.Attempts));
        Assert.DoesNotContain(await Store.ListUnsentReportsAsync(1000), r => r.AccountId == account);
    }

    [Fact]
    public async Task Reports_list_by_account_and_month()
    {
        var account = "acct_" + Guid.NewGuid().ToString("N");
        await Store.AddReportAsync(NewReport(account, BillingMeter.Transformations, "2026-12-01T09", 1));
        await Store.AddReportAsync(NewReport(account, BillingMeter.Bandwidth, "2026-12-01T09", 2));
        await Store.AddReportAsync(NewReport(account, BillingMeter.Transformations, "2026-11-30T23", 3));
        await Store.AddReportAsync(NewReport("other_" + account, BillingMeter.Transformations, "2026-12-01T09", 4));

        var december = await Store.ListReportsAsync(account, "2026-12");

        Assert.Equal([(BillingMeter.Bandwidth, 2L), (BillingMeter.Transformations, 1L)],
            december.Select(r => (r.Meter, r.Quantity)).OrderBy(r => r.Meter.ToString(), StringComparer.Ordinal));
        Assert.Equal(3, Assert.Single(await Store.ListReportsAsync(account, "2026-11")).Quantity);
    }

    [Fact]
    public async Task Accounts_are_listed_once_they_have_a_Stripe_customer()
    {
        var owner = "billing-" + Guid.NewGuid().ToString("N");
        var account = await Accounts.CreateIfAbsentAsync(Account.New(owner, "free", At));
        Assert.DoesNotContain(owner, await Store.ListCustomerAccountIdsAsync());

        await Accounts.UpdateAsync(account with { Billing = new AccountBilling { CustomerId = "cus_" + owner }, Version = 2 }, 1);

        Assert.Contains(owner, await Store.ListCustomerAccountIdsAsync());
        Assert.Equal("cus_" + owner, (await Accounts.GetAsync(owner))!.Billing.CustomerId);
    }

    [Fact]
    public async Task The_accounts_billing_state_round_trips()
    {
        var owner = "billing-" + Guid.NewGuid().ToString("N");
        var account = await Accounts.CreateIfAbsentAsync(Account.New(owner, "free", At));
        var billing = new AccountBilling
        {
            CustomerId = "cus_1", SubscriptionId = "sub_1", Status = BillingStatus.PastDue, PlanId = "pro",
            CurrentPeriodEnd = At.AddDays(30), CancelAtPeriodEnd = true, GraceUntil = At.AddDays(7),
        };

        await Accounts.UpdateAsync(account with { PlanId = "pro", Billing = billing, Version = 2 }, 1);

        var stored = (await Accounts.GetAsync(owner))!;
        Assert.Equal(billing, stored.Billing);
        Assert.Equal(AccountBilling.None, account.Billing);
    }
}
