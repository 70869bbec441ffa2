using ImageService.Api.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Auth;

/// <summary>Reads and checks the <c>Auth</c> section: the binder fills arrays only from child keys, so the single-string
/// form of <c>Auth:Audience</c> is merged in here; invalid settings fail at start with the key's name.</summary>
public static class AuthConfiguration
{
    public const int MinimumSigningKeyLength = 32;

    public static OptionsBuilder<AuthOptions> BindAuthConfiguration(this OptionsBuilder<AuthOptions> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        return builder
            .BindConfiguration(AuthOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.Audience = Audiences(configuration.GetSection(AuthOptions.SectionName)))
            .ValidatedAtStart();
    }

    /// <summary>The options as the <c>token</c> command reads them, outside dependency injection.</summary>
    public static AuthOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AuthOptions.SectionName);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        options.Audience = Audiences(section);
        return options;
    }

    /// <summary><c>Auth:Audience</c> as a string, an array (<c>Auth:Audience:0</c>, …), or both.</summary>
    public static string[] Audiences(IConfigurationSection auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var audience = auth.GetSection("Audience");
        return new[] { audience.Value }.Concat(audience.GetChildren().Select(c => c.Value))
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Select(a => a!.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Plain-http metadata is allowed only from this machine: anywhere else an attacker on the path could
    /// serve their own keys.</summary>
    public static bool IsLoopback(Uri authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return authority.IsLoopback; // localhost, 127.0.0.0/8 and ::1
    }

    /// <summary>The first thing wrong with the settings, naming the key, or null.</summary>
    public static string? Problem(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.Authority))
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                return $"Auth:Authority '{options.Authority}' is not an absolute http(s) URL.";
            }
            if (authority.Scheme == "http" && !IsLoopback(authority))
            {
                return $"Auth:Authority '{options.Authority}' must use https (plain http is allowed only for a loopback host).";
            }
            if (options.Audience.Length == 0)
            {
                return "Auth:Audience is required with Auth:Authority (the API's audience or app client id at the issuer).";
            }
        }
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            if (options.SigningKey.Length < MinimumSigningKeyLength)
            {
                return $"Auth:SigningKey must be at least {MinimumSigningKeyLength} characters.";
            }
            if (string.IsNullOrEmpty(options.Issuer) || options.Audience.Length == 0)
            {
                return "Auth:Issuer and Auth:Audience are required with Auth:SigningKey.";
            }
        }
        return null;
    }
}
