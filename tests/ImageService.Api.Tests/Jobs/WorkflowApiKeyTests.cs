using ImageService.Api.Workflows;
using ImageService.Core.Storage;
using ImageService.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageService.Api.Tests.Jobs;

/// <summary>The provider API key from a secret: read once per <c>ApiKeyCacheDuration</c> (rotation is picked up after
/// it), the old key kept while a re-read fails, and a first read that fails (a missing secret) surfaced as it is.</summary>
public sealed class WorkflowApiKeyTests
{
    private const string Arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:provider-key";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));
    private readonly SecretStub _secrets = new();

    [Fact]
    public async Task The_secret_is_read_once_per_cache_duration_and_a_rotated_key_is_picked_up_after_it()
    {
        var key = Key(TimeSpan.FromMinutes(5));
        _secrets.Value = "key-1";

        var first = await key.GetAsync(CancellationToken.None);
        _secrets.Value = "key-2"; // rotated
        _time.Advance(TimeSpan.FromMinutes(4));
        var cached = await key.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var rotated = await key.GetAsync(CancellationToken.None);

        Assert.Equal(("key-1", "key-1", "key-2"), (first, cached, rotated));
        Assert.Equal(2, _secrets.Reads);
    }

    [Fact]
    public async Task A_failed_re_read_keeps_the_key_in_hand_and_tries_again_next_time()
    {
        var key = Key(TimeSpan.FromMinutes(5));
        _secrets.Value = "key-1";
        await key.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(6));
        _secrets.Failure = new StorageUnavailableException("Secrets Manager did not answer.");

        var stale = await key.GetAsync(CancellationToken.None);
        _secrets.Failure = null;
        _secrets.Value = "key-2";
        var fresh = await key.GetAsync(CancellationToken.None);

        Assert.Equal(("key-1", "key-2"), (stale, fresh));
        Assert.Equal(3, _secrets.Reads);
    }

    [Fact]
    public async Task A_missing_secret_fails_the_call_with_its_message_and_is_not_remembered()
    {
        var key = Key(TimeSpan.FromMinutes(5));
        _secrets.Failure = new InvalidOperationException($"The secret {Arn} does not exist (Secrets Manager: not found).");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => key.GetAsync(CancellationToken.None));
        _secrets.Failure = null;
        _secrets.Value = "created-later";

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal("created-later", await key.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_configured_key_wins_and_without_either_there_is_none()
    {
        var configured = new WorkflowApiKey(Options.Create(new WorkflowsOptions { Provider = new() { ApiKey = "plain", ApiKeySecretArn = Arn } }),
            Services(), _time, NullLogger<WorkflowApiKey>.Instance);
        var none = new WorkflowApiKey(Options.Create(new WorkflowsOptions()), Services(), _time, NullLogger<WorkflowApiKey>.Instance);

        Assert.Equal("plain", await configured.GetAsync(CancellationToken.None));
        Assert.Null(await none.GetAsync(CancellationToken.None));
        Assert.Equal(0, _secrets.Reads);
    }

    private WorkflowApiKey Key(TimeSpan cacheDuration) =>
        new(Options.Create(new WorkflowsOptions { Provider = new() { ApiKeySecretArn = Arn, ApiKeyCacheDuration = cacheDuration } }),
            Services(), _time, NullLogger<WorkflowApiKey>.Instance);

    private ServiceProvider Services() => new ServiceCollection().AddSingleton<ISecretReader>(_secrets).BuildServiceProvider();

    private sealed class SecretStub : ISecretReader
    {
        public string Value { get; set; } = "";

        public Exception? Failure { get; set; }

        public int Reads { get; private set; }

        public Task<string> ReadAsync(string secretId, CancellationToken cancellationToken = default)
        {
            Reads++;
            Assert.Equal(Arn, secretId);
            return Failure is { } failure ? Task.FromException<string>(failure) : Task.FromResult(Value);
        }
    }
}
