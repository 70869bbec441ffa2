namespace ImageService.Api.Hosting.Configuration;

/// <summary>One settings type to validate when the host starts (<see cref="StartupSettingsValidation"/>), in the processes
/// whose route groups use it.</summary>
/// <param name="Settings">The options type, for messages.</param>
/// <param name="UsedBy">The route groups that read the settings; a process serving none of them skips the check (the
/// validator still runs on first use).</param>
/// <param name="Validate">Reads <c>IOptions&lt;T&gt;.Value</c>, which runs the type's validators.</param>
internal sealed record StartupSettingsCheck(Type Settings, ApiRouteGroups UsedBy, Action<IServiceProvider> Validate);
