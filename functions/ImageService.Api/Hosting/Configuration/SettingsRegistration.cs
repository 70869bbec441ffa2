using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Hosting.Configuration;

/// <summary>
/// The one way settings are registered: code defaults, <c>AddOptions&lt;T&gt;().BindConfiguration(section)</c>
/// (source-generated binder; the call must name the type, so it stays at each call site), then
/// <see cref="ValidatedAtStart{TOptions, TValidator}"/>: a source-generated validator, run when the host starts rather
/// than on first use, so a bad value stops the process at once with a message naming the key (printed by
/// <see cref="StartupFailures"/>).
/// </summary>
internal static class SettingsRegistration
{
    public static OptionsBuilder<TOptions> ValidatedAtStart<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidator<TOptions, TValidator>();
        return builder.ValidateOnStart();
    }

    /// <summary>For settings a backend binds itself (it owns their section and calls ValidateOnStart): only the
    /// validator, which the backend cannot name, is added here.</summary>
    public static IServiceCollection AddValidator<TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this IServiceCollection services)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services;
    }
}
