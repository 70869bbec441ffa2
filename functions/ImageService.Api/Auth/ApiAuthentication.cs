using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Auth;

/// <summary>Bearer authentication (JwtBearer, configured from <see cref="AuthOptions"/>) and the default policy every
/// management endpoint uses: an authenticated caller whose <c>sub</c> is a valid owner id.</summary>
public static class ApiAuthentication
{
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindAuthConfiguration();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>());
        services.AddAuthenticationCore(o => o.DefaultScheme = JwtBearerDefaults.AuthenticationScheme);
        services.AddAuthenticationSchemes().AddJwtBearer();
        services.AddAuthorizationBuilder().SetDefaultPolicy(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(c => OwnerIds.IsValid(c.User.FindFirst(OwnerIds.ClaimType)?.Value))
            .Build());
        return services;
    }

    /// <summary>What <c>AddAuthentication()</c> registers for its schemes, without data protection: only cookie and
    /// remote sign-in schemes use it, and its hosted service would read (or create) a key ring at every start, a
    /// Lambda cold start included. The bearer and API key schemes are added through this.</summary>
    public static AuthenticationBuilder AddAuthenticationSchemes(this IServiceCollection services)
    {
        services.AddAuthenticationCore();
        services.AddWebEncoders();
        services.TryAddSingleton<IAuthenticationConfigurationProvider, AuthenticationSection>();
        return new AuthenticationBuilder(services);
    }
}
