namespace ImageService.Api.Hosting;

public static class ApiLogging
{
    /// <summary>Outside Development, logs are one JSON object per line with scopes, so every entry carries the request
    /// id and trace id (CloudWatch and other collectors index the fields). Development keeps the readable console.</summary>
    public static ILoggingBuilder AddApiLogging(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // StartupFailures reports a failed start itself, in one line for the common cases.
        logging.AddFilter(StartupFailures.HostCategory, LogLevel.Critical);
        if (environment.IsDevelopment())
        {
            return logging;
        }
        logging.ClearProviders();
        return logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }
}
