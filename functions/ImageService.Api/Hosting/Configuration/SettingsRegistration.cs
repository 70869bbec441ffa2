using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Hosting.Configuration;

/// <summary>
/// The one way settings are registered: code defaults, <c>AddOptions&lt;T&gt;().BindConfiguration(section)</c>
/// (source-generated binder; the call must name the type, so it stays at each call site), then
/// <see cref="ValidatedAtStart{TOptions, TValidator}"/>: a source-generated validator, run when the host starts rather
/// than on first use (<see cref="StartupSettingsValidation"/>), so a bad value stops the process at once with a message
/// naming the key (printed by <see cref="StartupFailures"/>). Not the framework's <c>ValidateOnStart</c>: see
/// <see cref="StartupSettingsValidation"/> for why.
/// </summary>
internal static class SettingsRegistration
{
    public static OptionsBuilder<TOptions> ValidatedAtStart<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this OptionsBuilder<TOptions> builder,
        ApiRouteGroups usedBy = ApiRouteGroups.All)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidator<TOptions, TValidator>();
        return builder.ValidatedAtStart(usedBy);
    }

    /// <summary>Validates <typeparamref name="TOptions"/> when the host starts, in processes serving any of
    /// <paramref name="usedBy"/>, with the validators registered for it.</summary>
    public static OptionsBuilder<TOptions> ValidatedAtStart<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this OptionsBuilder<TOptions> builder, ApiRouteGroups usedBy = ApiRouteGroups.All)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddStartupCheck<TOptions>(usedBy);
        return builder;
    }

    /// <summary>For settings a backend binds itself (it owns their section): validated at start by the host, which
    /// knows when its start is.</summary>
    public static IServiceCollection AddStartupCheck<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this IServiceCollection services, ApiRouteGroups usedBy = ApiRouteGroups.All)
        where TOptions : class
    {
        services.AddSingleton(new StartupSettingsCheck(typeof(TOptions), usedBy, static sp => _ = sp.GetRequiredService<IOptions<TOptions>>().Value));
        services.AddClosedOptions<TOptions>(); // no run-time type building for it under Native AOT
        return services;
    }

    /// <summary>
    /// Takes the host's one start-up validator slot (<see cref="IStartupValidator"/>, run before any hosted service
    /// is created) for <see cref="StartupSettingsValidation"/>, which runs the checks registered above and then the
    /// framework's validator that was there, if a framework component called <c>ValidateOnStart</c>. Called once,
    /// after every registration: a <c>ValidateOnStart</c> made later finds the slot taken and its settings are
    /// validated on first use only.
    /// </summary>
    public static IServiceCollection AddStartupSettingsValidation(this IServiceCollection services)
    {
        var previous = services.LastOrDefault(d => d.ServiceType == typeof(IStartupValidator));
        services.RemoveAll<IStartupValidator>();
        services.AddSingleton<IStartupValidator>(sp => new StartupSettingsValidation(
            sp, sp.GetServices<StartupSettingsCheck>(), sp.GetRequiredService<IOptions<HostingOptions>>(), previous is null ? null : Create(sp, previous)));
        return services;
    }

    private static IStartupValidator Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor switch
        {
            { ImplementationInstance: IStartupValidator instance } => instance,
            { ImplementationFactory: { } factory } => (IStartupValidator)factory(services),
            { ImplementationType: { } type } => (IStartupValidator)ActivatorUtilities.CreateInstance(services, type),
            _ => throw new InvalidOperationException("A keyed start-up validator is not supported."),
        };

    /// <summary>For settings a backend binds itself (it owns their section): only the validator, which the backend
    /// cannot name, is added here.</summary>
    public static IServiceCollection AddValidator<TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this IServiceCollection services)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services;
    }
}
