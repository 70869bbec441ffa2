using Microsoft.Extensions.Configuration;

namespace ImageService.Lambda;

/// <summary>
/// The few Lambda settings the host acts on, read from configuration (environment variables reach
/// configuration unprefixed in ASP.NET Core, so tests and local runs can set them without touching the process).
/// </summary>
public sealed record LambdaEnvironment
{
    /// <summary>Set by Lambda in every custom runtime: "host:port" of the Runtime API.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The function's handler setting; here it names the route group the process maps.</summary>
    public const string HandlerVariable = "_HANDLER";

    /// <summary>"host:port" of the Runtime API, or null when not running in Lambda.</summary>
    public string? RuntimeApi { get; init; }

    /// <summary>The route group (upload, get, list, update, delete, transform, ...), or null when unset.</summary>
    public string? Handler { get; init; }

    public bool IsLambda => RuntimeApi is not null;

    public static LambdaEnvironment FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new LambdaEnvironment
        {
            RuntimeApi = NullIfBlank(configuration[RuntimeApiVariable]),
            Handler = NullIfBlank(configuration[HandlerVariable]),
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
