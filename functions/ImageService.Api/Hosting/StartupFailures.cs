using System.Text.RegularExpressions;
using ImageService.Api.Hosting.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Hosting;

/// <summary>
/// Runs the app and reports a failed start as one line on stderr with exit code 1, instead of the host's logged
/// stack trace followed by the runtime's unhandled-exception dump. The host's own "Hosting failed to start" entry is
/// filtered (<see cref="HostCategory"/> below Critical) because this method reports the same failure; the host's
/// Critical entries (a background service stopping the host) still pass.
/// </summary>
internal static partial class StartupFailures
{
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static async Task<int> RunAsync(Func<WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        WebApplication app;
        try
        {
            // Building and mapping read settings too (route groups, upload path), so they fail here as well.
            app = build();
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException ex) when (OwnsProcess && ex.InnerException is AddressInUseException)
        {
            Console.Error.WriteLine(PortInUse(ex.Message));
            return 1;
        }
        catch (Exception ex) when (OwnsProcess && InvalidSettings(ex) is { Count: > 0 } failures)
        {
            Console.Error.WriteLine($"Invalid configuration: {string.Join(" ", failures)}");
            return 1;
        }
#pragma warning disable CA1031 // every start failure is reported here, once, with its stack trace
        catch (Exception ex) when (OwnsProcess)
        {
            Console.Error.WriteLine($"The service could not start: {ex}");
            return 1;
        }
#pragma warning restore CA1031
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Every settings failure in <paramref name="exception"/> (several settings types fail together as an
    /// AggregateException at start), each naming its configuration key.</summary>
    internal static List<string> InvalidSettings(Exception exception)
    {
        var failures = new List<string>();
        var validations = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        foreach (var validation in validations.OfType<OptionsValidationException>())
        {
            failures.AddRange(validation.Failures.Select(f => NameTheKey(validation.OptionsType, f)));
        }
        // Anything else in the mix is not a settings problem: report the whole exception instead.
        return validations.All(e => e is OptionsValidationException) ? failures : [];
    }

    /// <summary>Generated validators say "MaxBytes: The field UploadOptions.MaxBytes must be …"; the key is the
    /// settings type's section and the member ("Uploads:MaxBytes"), unless the message already names it.</summary>
    internal static string NameTheKey(Type settings, string failure)
    {
        var colon = failure.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || SettingsSections.Of(settings) is not { } section)
        {
            return failure;
        }
        var member = failure[..colon];
        var message = failure[(colon + 2)..];
        var key = $"{section}:{member}";
        return message.Contains(key, StringComparison.Ordinal) ? message : $"{key}: {message}";
    }

    /// <summary>True when this assembly is the process (not hosted by a test host such as WebApplicationFactory, which
    /// needs the exception itself).</summary>
    private static bool OwnsProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupFailures).Assembly;

    /// <summary>Kestrel says "Failed to bind to address http://127.0.0.1:5080: address already in use.".</summary>
    internal static string PortInUse(string message)
    {
        var match = BoundAddress().Match(message);
        if (match.Success && Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var address))
        {
            return $"port {address.Port} is in use; pass --urls (e.g. --urls http://127.0.0.1:8080)";
        }
        return $"{message} Pass --urls to choose another address.";
    }

    [GeneratedRegex(@"address (?<address>\S+?): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BoundAddress();
}
