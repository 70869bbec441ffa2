using Microsoft.Extensions.Options;

namespace ImageService.Api.Hosting.Configuration;

/// <summary>
/// Validates every registered <see cref="StartupSettingsCheck"/> when the host starts, before any hosted service is
/// created (the host's <see cref="IStartupValidator"/> step), so a bad value stops the process at once, naming its key
/// (<see cref="StartupFailures"/>), and all bad settings types are reported together. It does what
/// the framework's <c>ValidateOnStart</c> does, through <c>IOptions&lt;T&gt;</c> rather than <c>IOptionsMonitor&lt;T&gt;</c>:
/// in a Native AOT process each generic type the container builds at run time costs start-up time, and the monitor's
/// (monitor, cache, change-token sources) are types nothing else here uses. A process validates only the settings of
/// the route groups it serves: a Lambda function does not pay for, nor fail on, settings of another function.
/// </summary>
internal sealed class StartupSettingsValidation(
    IServiceProvider services, IEnumerable<StartupSettingsCheck> checks, IOptions<HostingOptions> hosting, IStartupValidator? framework)
    : IStartupValidator
{
    public void Validate()
    {
        var failures = new List<Exception>();
        ApiRouteGroups groups;
        try
        {
            groups = hosting.Value.ParseRouteGroupsOrAll(); // HostingOptions has a check of its own (all groups)
        }
        catch (OptionsValidationException ex)
        {
            groups = ApiRouteGroups.All;
            failures.Add(ex);
        }
        foreach (var check in checks)
        {
            if ((check.UsedBy & groups) == ApiRouteGroups.None || check.Settings == typeof(HostingOptions))
            {
                continue;
            }
            try
            {
                check.Validate(services);
            }
            catch (OptionsValidationException ex)
            {
                failures.Add(ex); // every bad settings type is reported together, as ValidateOnStart does
            }
        }
        try
        {
            framework?.Validate(); // settings of framework components that called ValidateOnStart
        }
        catch (OptionsValidationException ex)
        {
            failures.Add(ex);
        }
        catch (AggregateException ex)
        {
            failures.AddRange(ex.InnerExceptions);
        }
        switch (failures.Count)
        {
            case 0:
                return;
            case 1:
                throw failures[0];
            default:
                throw new AggregateException(failures);
        }
    }
}
