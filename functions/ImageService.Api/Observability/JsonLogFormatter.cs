using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ImageService.Api.Observability;

/// <summary>
/// One JSON object per line, with flat, stable field names a collector can index (CloudWatch Logs Insights, Loki):
/// <c>timestamp</c> (UTC, ms), <c>level</c>, <c>category</c>, <c>message</c>, <c>traceId</c>/<c>spanId</c> (W3C; in
/// Lambda the X-Ray trace), <c>requestId</c>, <c>awsRequestId</c> (Lambda), <c>route</c> (the route template, never the
/// path), <c>accountId</c>, <c>eventId</c>, <c>exception</c>, and the message template's values under <c>state</c>.
/// Only these scope fields are written: ASP.NET Core's RequestPath scope is left out because a path can carry a
/// token (presigned uploads, large-result links).
/// </summary>
public sealed class JsonLogFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "imageservice-json";

    // Log lines are read as text, never embedded in HTML: '+', '<' and non-ASCII letters stay as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Scope keys taken, and the JSON field each becomes.
    private static readonly Dictionary<string, string> ScopeFields = new(StringComparer.Ordinal)
    {
        ["TraceId"] = "traceId",
        ["SpanId"] = "spanId",
        ["RequestId"] = "requestId",
        ["AwsRequestId"] = "awsRequestId",
        [RequestLogContext.RouteKey] = "route",
        [RequestLogContext.AccountIdKey] = "accountId",
    };

    private static readonly string[] FieldOrder = ["traceId", "spanId", "requestId", "awsRequestId", "route", "accountId"];

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }
        textWriter.Write(Format(logEntry.LogLevel, logEntry.Category, logEntry.EventId, message, logEntry.Exception,
            logEntry.State as IReadOnlyList<KeyValuePair<string, object?>>, scopeProvider, DateTimeOffset.UtcNow));
        textWriter.Write(Environment.NewLine);
    }

    /// <summary>The line without its newline (public for the secret-scanning test, which formats what it captures).</summary>
    public static string Format(LogLevel level, string category, EventId eventId, string? message, Exception? exception,
        IReadOnlyList<KeyValuePair<string, object?>>? state, IExternalScopeProvider? scopes, DateTimeOffset timestamp)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        scopes?.ForEachScope(static (scope, found) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    // The innermost scope wins (a nested request scope over the invocation's).
                    if (value is not null && ScopeFields.TryGetValue(key, out var field))
                    {
                        found[field] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                    }
                }
            }
        }, fields);
        if (!fields.ContainsKey("traceId") && Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            fields["traceId"] = activity.TraceId.ToHexString();
            fields["spanId"] = activity.SpanId.ToHexString();
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(level));
            json.WriteString("category", category);
            json.WriteString("message", message ?? exception?.Message ?? "");
            // A fixed order, so lines read alike.
            foreach (var field in FieldOrder)
            {
                if (fields.TryGetValue(field, out var value))
                {
                    json.WriteString(field, value);
                }
            }
            if (eventId.Id != 0)
            {
                json.WriteNumber("eventId", eventId.Id);
            }
            if (exception is not null)
            {
                json.WriteString("exception", exception.ToString());
            }
            WriteState(json, state);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteState(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object?>>? state)
    {
        if (state is null || state.Count <= 1)
        {
            return; // only {OriginalFormat}, or no template
        }
        json.WriteStartObject("state");
        foreach (var (key, value) in state)
        {
            if (key == "{OriginalFormat}")
            {
                continue;
            }
            switch (value)
            {
                case null:
                    json.WriteNull(key);
                    break;
                case bool b:
                    json.WriteBoolean(key, b);
                    break;
                case int or long or short or byte or uint or ulong or ushort:
                    json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case double or float or decimal:
                    json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    json.WriteString(key, value is IEnumerable<string> many ? string.Join(", ", many) : Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
        json.WriteEndObject();
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Critical",
        _ => "None",
    };
}
