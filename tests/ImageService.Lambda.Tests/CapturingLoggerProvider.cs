using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ImageService.Lambda.Tests;

/// <summary>Keeps log entries with the key/value pairs of their scopes, as a structured log sink would.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record CapturedLog(string Category, string Message, IReadOnlyDictionary<string, string?> Scope, Exception? Exception);

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string?>();
            provider._scopes.ForEachScope(
                (value, into) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, item) in pairs)
                        {
                            into[key] = item?.ToString();
                        }
                    }
                },
                scope);
            provider._entries.Enqueue(new CapturedLog(category, formatter(state, exception), scope, exception));
        }
    }
}
