using ImageService.Api.Observability;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Hosting;

public static class ApiLogging
{
    /// <summary>The setting that picks the console format: <c>json</c> (default, every environment) or <c>text</c>.</summary>
    public const string FormatKey = "Logging:Format";

    /// <summary>
    /// One JSON object per line (<see cref="JsonLogFormatter"/>: timestamp, level, message, trace id, request id, route,
    /// account id) in every environment, Development too, so what a developer sees is what CloudWatch indexes;
    /// <c>Logging:Format=text</c> asks for readable single lines instead.
    /// </summary>
    public static ILoggingBuilder AddApiLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // StartupFailures reports a failed start itself, in one line for the common cases.
        logging.AddFilter(StartupFailures.HostCategory, LogLevel.Critical);
        // Its Information lines ("Request starting …") print the whole URL: signatures, expiries and upload tokens. Our
        // own lines carry the route template instead.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.ClearProviders();
        var format = configuration[FormatKey]?.Trim();
        if (string.Equals(format, "text", StringComparison.OrdinalIgnoreCase))
        {
            return logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
        if (!string.IsNullOrEmpty(format) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(FormatKey, typeof(ConsoleLoggerOptions), [$"{FormatKey} must be json or text (got '{format}')."]);
        }
        // Registered directly rather than with AddConsoleFormatter, whose options binding is reflection; the formatter
        // has no options.
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, JsonLogFormatter>());
        return logging.AddConsole(o => o.FormatterName = JsonLogFormatter.FormatterName);
    }
}
