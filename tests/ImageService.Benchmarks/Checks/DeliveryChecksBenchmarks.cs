using BenchmarkDotNet.Attributes;
using ImageService.Api.Hosting;
using ImageService.Api.Usage;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Delivery;
using ImageService.Core.Usage;
using ImageService.Storage.Local;
using ImageService.Storage.Local.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageService.Benchmarks.Checks;

/// <summary>Per-request cost of the delivery checks (issue 6): pure checks, the rate-window write, the rate limiter, and
/// the whole gate over the embedded stores as the API composes them.</summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet's [GlobalCleanup] disposes the recorder.")]
public class DeliveryChecksBenchmarks
{
    private const string Path = "/pk_Q7mZ2xK9vB4nR8tL1cW6yH3e/img_01JD5XK8F2";
    private static readonly string[] Origins = ["*.example.com", "example.com", "localhost:3000"];
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private string _dataDirectory = "";
    private ApiKey[] _keys = [];
    private IReadOnlyList<KeyValuePair<string, string>> _signedParameters = [];
    private string _signedQuery = "";
    private SqliteRateLimitStore _rate = null!;
    private DeliveryRateLimiter _limiter = null!;
    private UsageRecorder _usage = null!;
    private DeliveryGate _gate = null!;
    private DeliveryGate _unsignedGate = null!;
    private string _publicKey = "";
    private string _unsignedPublicKey = "";
    private long _window;

    [GlobalSetup]
    public async Task Setup()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("gatebench-").FullName;
        var options = new LocalStorageOptions { DataDirectory = _dataDirectory };
        var accounts = new SqliteAccountStore(options);
        var usage = new SqliteUsageStore(options);
        _rate = new SqliteRateLimitStore(options);
        var planOptions = new PlanCatalogOptions();
        planOptions.Plans["pro"].RequestsPerSecond = int.MaxValue;
        var plans = planOptions.ToCatalog();
        var account = await accounts.CreateIfAbsentAsync(Account.New("bench", "pro", _now) with { AllowedOrigins = Origins, RequireSignedUrls = true });
        var unsigned = await accounts.CreateIfAbsentAsync(Account.New("bench-unsigned", "pro", _now) with { AllowedOrigins = Origins });
        var old = ApiKeys.Create(account.Id, null, _now);
        var current = ApiKeys.Create(account.Id, null, _now);
        await accounts.AddKeyAsync(old.Key);
        await accounts.AddKeyAsync(current.Key);
        _keys = [current.Key, old.Key];
        _publicKey = account.PublicKey;
        _unsignedPublicKey = unsigned.PublicKey;
        _signedQuery = SignedUrls.CreateSignedQuery($"/{_publicKey}/img_1", [new("w", "400"), new("f", "auto")], old.Key, _now.AddDays(1));
        _signedParameters = SignedUrls.ParseQuery(SignedUrls.CreateSignedQuery(Path, [new("w", "400"), new("f", "auto")], old.Key, _now.AddDays(1)));
        // As the API composes it: account and key reads through the in-memory cache, usage through the recorder (memory
        // plus unwritten requests over SQLite), the rate limiter reserving blocks from the SQLite windows.
        var cached = new CachingAccountStore(accounts, TimeProvider.System);
        _usage = new UsageRecorder(usage, coalesce: true, TimeProvider.System, NullLogger<UsageRecorder>.Instance);
        _limiter = new DeliveryRateLimiter(_rate, TimeProvider.System);
        _gate = new DeliveryGate(cached, _usage, _limiter, plans, TimeProvider.System);
        _unsignedGate = _gate;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _usage.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Benchmark]
    public SignatureStatus VerifySignatureTwoActiveKeys() => SignedUrls.Verify(Path, _signedParameters, _keys, true, _now).Status;

    [Benchmark]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
    public bool CheckOrigin() => AllowedOrigins.Check(Origins, false, "https://shop.example.com", null).Allowed;

    [Benchmark]
    public ApiKey? MatchSecretKey() => ApiKeys.MatchSecret("sk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01", _keys);

    [Benchmark]
    public Task<RateWindowResult> RateWindowSqlite() => _rate.TryAcquireAsync("bench-rate", Interlocked.Increment(ref _window) / 1000, int.MaxValue);

    /// <summary>What the gate pays for the rate limit at a steady load: mostly a permit from memory, one SQLite write per block.</summary>
    [Benchmark]
    public Task<RateLimitDecision> RateLimiterSqlite() => _limiter.TryAcquireAsync("bench-limiter", 1_000_000);

    [Benchmark]
    public Task<DeliveryAccess> WholeGateUnsignedSqlite() =>
        _unsignedGate.CheckAsync(new DeliveryRequest(_unsignedPublicKey, $"/{_unsignedPublicKey}/img_1", "?w=400&f=auto", "https://shop.example.com"));

    [Benchmark]
    public Task<DeliveryAccess> WholeGateSignedSqlite() =>
        _gate.CheckAsync(new DeliveryRequest(_publicKey, $"/{_publicKey}/img_1", "?" + _signedQuery, "https://shop.example.com"));
}
