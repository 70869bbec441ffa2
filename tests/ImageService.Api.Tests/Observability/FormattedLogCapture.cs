using System.Collections.Concurrent;
using ImageService.Api.Observability;
using Microsoft.Extensions.Logging;

namespace ImageService.Api.Tests.Observability;

/// <summary>A logger provider that keeps every line exactly as the service's console would print it
/// (<see cref="JsonLogFormatter"/>, scopes included), for tests that read or scan the logs.</summary>
public sealed class FormattedLogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(FormattedLogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.lines.Enqueue(JsonLogFormatter.Format(logLevel, category, eventId, formatter(state, exception), exception,
                state as IReadOnlyList<KeyValuePair<string, object?>>, capture.scopes, DateTimeOffset.UtcNow));
    }
}
