namespace ImageService.Api.Hosting;

/// <summary>The sub-commands of the binary. Anything else that is not an option (<c>--urls …</c>) or a configuration
/// value (<c>Key=value</c>) is a mistyped command: it must not start the server on the default port.</summary>
internal static class CommandLine
{
    public enum Command { Serve, Token, Provision, IngestCdnLogs, Unknown }

    public const string Usage = """
        Usage: bootstrap [command] [options]      (dotnet run --project functions/ImageService.Api -- [command] [options])

        Commands:
          (none)                  serve the API (Kestrel; the Lambda host when AWS_LAMBDA_RUNTIME_API is set)
          token --user <id>       print a development bearer token (Development environment only)
          provision               create the DynamoDB tables and the S3 bucket when Storage:Backend is Aws
          ingest-cdn-logs FILE|DIR  add CloudFront access logs (.gz or text) to edge usage, each file once

        Options: --urls <url;url>, and any setting as --Section:Key=value or Section__Key in the environment.
        """;

    public static Command Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            return Command.Serve;
        }
        return args[0] switch
        {
            "token" => Command.Token,
            "provision" => Command.Provision,
            IngestCdnLogsCommand.Name => Command.IngestCdnLogs,
            var first when first.StartsWith('-') || first.StartsWith('/') || first.Contains('=', StringComparison.Ordinal) => Command.Serve,
            _ => Command.Unknown,
        };
    }

    public static int RefuseUnknown(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}'.");
        Console.Error.WriteLine();
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
