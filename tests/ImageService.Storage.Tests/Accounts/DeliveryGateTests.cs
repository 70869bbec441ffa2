using ImageService.Api.Hosting;
using ImageService.Api.Problems;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Delivery;
using ImageService.Core.Imaging;
using ImageService.Core.Usage;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>The delivery checks end to end over the embedded stores, as the delivery route will call them.</summary>
public sealed class DeliveryGateTests : IClassFixture<SqliteAccountsDirectory>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, 500, TimeSpan.Zero);
    private readonly SqliteAccountStore _accounts;
    private readonly SqliteUsageStore _usage;
    private readonly FixedTimeProvider _time = new(Now);
    private readonly DeliveryGate _gate;

    public DeliveryGateTests(SqliteAccountsDirectory directory)
    {
        _accounts = new SqliteAccountStore(directory.Options);
        _usage = new SqliteUsageStore(directory.Options);
        var options = new PlanCatalogOptions();
        options.Plans["free"].RequestsPerSecond = 3;
        options.Plans["free"].MonthlyBandwidthBytes = 1_000;
        options.Plans["pro"].MonthlyBandwidthBytes = 1_000;
        options.Plans["pro"].Overage.BandwidthPriceId = "price_pro_bandwidth";
        _gate = new DeliveryGate(_accounts, _usage, new DeliveryRateLimiter(new SqliteRateLimitStore(directory.Options), _time), options.ToCatalog(), _time);
    }

    [Fact]
    public async Task An_unknown_or_malformed_public_key_is_not_found()
    {
        var unknown = await _gate.CheckAsync(Request(ApiKeys.NewPublicKey(), "w=100"));
        var malformed = await _gate.CheckAsync(Request("pk_x", "w=100"));

        Assert.Equal((DeliveryOutcome.UnknownKey, 404), (unknown.Outcome, Status(unknown)));
        Assert.Equal(DeliveryOutcome.UnknownKey, malformed.Outcome);
    }

    [Fact]
    public async Task A_suspended_account_is_forbidden()
    {
        var account = await CreateAsync("free", a => a with { Status = AccountStatus.Suspended });

        var access = await _gate.CheckAsync(Request(account.PublicKey, "w=100"));

        Assert.Equal((DeliveryOutcome.AccountSuspended, 403), (access.Outcome, Status(access)));
        Assert.Equal(ProblemTypes.AccountSuspended, ProblemType(access));
    }

    [Fact]
    public async Task An_allowed_request_yields_parameters_ready_for_the_transform_parser_and_cors()
    {
        var account = await CreateAsync("free", a => a with { AllowedOrigins = ["*.example.com"] });

        var access = await _gate.CheckAsync(Request(account.PublicKey, "w=400&f=webp", origin: "https://shop.example.com"));

        Assert.True(access.IsAllowed);
        Assert.Equal("https://shop.example.com", access.AccessControlAllowOrigin);
        Assert.True(TransformSpec.TryParse(access.TransformParameters, out var spec, out _, SignedUrls.ReservedParameters));
        Assert.Equal((400, OutputFormat.Webp), (spec.Width, spec.Format));
        Assert.Equal(2, access.Rate!.Value.Remaining);
    }

    [Fact]
    public async Task The_accounts_default_transform_fills_in_what_the_url_does_not_set()
    {
        var account = await CreateAsync("free", a => a with { DefaultTransform = "q=60&f=webp" });

        var access = await _gate.CheckAsync(Request(account.PublicKey, "w=400&f=png"));

        Assert.True(TransformSpec.TryParse(access.TransformParameters, out var spec, out _));
        Assert.Equal((400, 60, OutputFormat.Png), (spec.Width, spec.Quality, spec.Format));
    }

    [Fact]
    public async Task A_foreign_site_is_refused_by_the_allowed_origins()
    {
        var account = await CreateAsync("free", a => a with { AllowedOrigins = ["*.example.com"] });

        var access = await _gate.CheckAsync(Request(account.PublicKey, "w=400", origin: "https://example.com.evil.net"));

        Assert.Equal((DeliveryOutcome.OriginNotAllowed, 403), (access.Outcome, Status(access)));
    }

    [Fact]
    public async Task A_signed_url_on_a_plan_without_signed_urls_names_the_feature()
    {
        var account = await CreateAsync("free");

        var access = await _gate.CheckAsync(Request(account.PublicKey, "w=400&sig=" + new string('0', 64)));

        Assert.Equal((DeliveryOutcome.FeatureNotInPlan, 403), (access.Outcome, Status(access)));
        Assert.Equal(PlanFeature.SignedUrls, access.PlanCheck!.Feature);
        Assert.Equal(ProblemTypes.PlanFeatureUnavailable, ProblemType(access));
    }

    [Fact]
    public async Task An_account_that_requires_signing_serves_valid_signatures_and_refuses_missing_tampered_and_expired_ones()
    {
        var account = await CreateAsync("pro", a => a with { RequireSignedUrls = true });
        var key = ApiKeys.Create(account.Id, null, Now);
        await _accounts.AddKeyAsync(key.Key);
        var path = $"/{account.PublicKey}/img_1";
        var signed = SignedUrls.CreateSignedQuery(path, [new("w", "400")], key.Key, Now.AddMinutes(5));

        var valid = await _gate.CheckAsync(new DeliveryRequest(account.PublicKey, path, "?" + signed));
        var missing = await _gate.CheckAsync(new DeliveryRequest(account.PublicKey, path, "?w=400"));
        var tampered = await _gate.CheckAsync(new DeliveryRequest(account.PublicKey, path, "?" + signed.Replace("w=400", "w=401", StringComparison.Ordinal)));
        _time.Now = Now.AddMinutes(6);
        var expired = await _gate.CheckAsync(new DeliveryRequest(account.PublicKey, path, "?" + signed));

        Assert.True(valid.IsAllowed);
        Assert.Equal(key.Key.Id, valid.SigningKeyId);
        Assert.Equal([new KeyValuePair<string, string?>("w", "400")], valid.TransformParameters);
        Assert.Equal((DeliveryOutcome.SignatureMissing, 403), (missing.Outcome, Status(missing)));
        Assert.Equal((DeliveryOutcome.SignatureInvalid, 403), (tampered.Outcome, Status(tampered)));
        Assert.Equal((DeliveryOutcome.SignatureExpired, 410), (expired.Outcome, Status(expired)));
    }

    [Fact]
    public async Task Requests_over_the_plans_rate_in_one_second_get_429_with_retry_after()
    {
        var account = await CreateAsync("free");

        var answers = new List<DeliveryAccess>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await _gate.CheckAsync(Request(account.PublicKey, "w=100")));
        }

        Assert.All(answers.Take(3), a => Assert.True(a.IsAllowed));
        Assert.Equal((DeliveryOutcome.RateLimited, 429, 1), (answers[3].Outcome, Status(answers[3]), answers[3].RetryAfterSeconds));
        Assert.Equal(ProblemTypes.TooManyRequests, ProblemType(answers[3]));
        _time.Now = Now.AddSeconds(1);
        Assert.True((await _gate.CheckAsync(Request(account.PublicKey, "w=100"))).IsAllowed);
    }

    [Fact]
    public async Task Once_the_months_bandwidth_is_used_up_requests_get_429_with_the_quota_type()
    {
        var account = await CreateAsync("free");
        await _usage.AddAsync(account.Id, UsageMonth.Of(Now), UsageDelta.ForDelivery(999, rendered: true));
        Assert.True((await _gate.CheckAsync(Request(account.PublicKey, "w=100"))).IsAllowed);
        await _usage.AddAsync(account.Id, UsageMonth.Of(Now), UsageDelta.ForDelivery(1, rendered: false));

        var access = await _gate.CheckAsync(Request(account.PublicKey, "w=100"));

        Assert.Equal((DeliveryOutcome.QuotaExceeded, 429), (access.Outcome, Status(access)));
        Assert.Equal(ProblemTypes.QuotaExceeded, ProblemType(access));
        Assert.Equal(QuotaKind.Bandwidth, access.PlanCheck!.Quota);
    }

    [Fact]
    public async Task A_custom_domain_names_its_account_until_the_plan_loses_the_feature()
    {
        var account = await CreateAsync("business");
        var domain = $"img-{Guid.NewGuid():N}.shop.example";
        await _accounts.UpdateAsync(account with { CustomDomains = [domain], Version = 2 }, expectedVersion: 1);

        var served = await _gate.CheckAsync(DeliveryRequest.ForCustomDomain(domain, "/img_1", "?w=400"));
        var unknown = await _gate.CheckAsync(DeliveryRequest.ForCustomDomain("nobody.shop.example", "/img_1", "?w=400"));
        await _accounts.UpdateAsync(account with { CustomDomains = [domain], PlanId = "pro", Version = 3 }, expectedVersion: 2);
        var downgraded = await _gate.CheckAsync(DeliveryRequest.ForCustomDomain(domain, "/img_1", "?w=400"));

        Assert.True(served.IsAllowed);
        Assert.Equal(account.Id, served.Account!.Id);
        Assert.Equal((DeliveryOutcome.UnknownKey, 404), (unknown.Outcome, Status(unknown)));
        Assert.Equal((DeliveryOutcome.FeatureNotInPlan, 403, PlanFeature.CustomDomains), (downgraded.Outcome, Status(downgraded), downgraded.PlanCheck?.Feature));
    }

    [Fact]
    public async Task Past_its_bandwidth_a_plan_with_an_overage_price_keeps_serving_while_its_subscription_is_live()
    {
        var live = new AccountBilling { CustomerId = "cus_1", SubscriptionId = "sub_1", Status = BillingStatus.Active, PlanId = "pro" };
        var billed = await CreateAsync("pro", a => a with { Billing = live });
        var unbilled = await CreateAsync("pro");
        var free = await CreateAsync("free", a => a with { Billing = live with { PlanId = "free" } });
        foreach (var account in new[] { billed, unbilled, free })
        {
            await _usage.AddAsync(account.Id, UsageMonth.Of(Now), UsageDelta.ForDelivery(1_000, rendered: true));
        }

        var overBilled = await _gate.CheckAsync(Request(billed.PublicKey, "w=100"));
        var overUnbilled = await _gate.CheckAsync(Request(unbilled.PublicKey, "w=100"));
        var overFree = await _gate.CheckAsync(Request(free.PublicKey, "w=100"));

        Assert.True(overBilled.IsAllowed);
        Assert.True(overBilled.BillsOverage);
        Assert.Equal(DeliveryOutcome.QuotaExceeded, overUnbilled.Outcome);
        Assert.Equal(DeliveryOutcome.QuotaExceeded, overFree.Outcome);
    }

    private async Task<Account> CreateAsync(string plan, Func<Account, Account>? change = null)
    {
        var account = Account.New("user-" + Guid.NewGuid(), plan, Now);
        return await _accounts.CreateIfAbsentAsync(change is null ? account : change(account));
    }

    private static DeliveryRequest Request(string publicKey, string query, string? origin = null) =>
        new(publicKey, $"/{publicKey}/img_1", "?" + query, origin);

    // The HTTP answer of a refusal, through the API's problem table.
    private static int Status(DeliveryAccess access) => ProblemTypes.For(access.Outcome).Status;

    private static string ProblemType(DeliveryAccess access) => ProblemTypes.For(access.Outcome).Type;
}
