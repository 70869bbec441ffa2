using Microsoft.AspNetCore.Authentication;

namespace ImageService.Api.Auth;

/// <summary>The <c>Authentication</c> configuration section, where JwtBearer reads per-scheme settings
/// (<c>Authentication:Schemes:Bearer</c>), as <c>AddAuthentication</c>'s own provider gives it.</summary>
internal sealed class AuthenticationSection(IConfiguration configuration) : IAuthenticationConfigurationProvider
{
    public IConfiguration AuthenticationConfiguration { get; } = configuration.GetSection("Authentication");
}
