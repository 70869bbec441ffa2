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
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorizationBuilder().SetDefaultPolicy(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(c => OwnerIds.IsValid(c.User.FindFirst(OwnerIds.ClaimType)?.Value))
            .Build());
        return services;
    }
}
