using ImageService.Api.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ImageService.Api.Auth;

/// <summary>
/// The JwtBearer hooks: a caller already authenticated by the hosting layer (API Gateway's JWT authorizer, via the
/// Lambda host) is left as is, so its token is not validated a second time (and no metadata is fetched for it); the
/// authentication middleware keeps the preset User and the default policy (no explicit schemes) accepts it. Tokens
/// must carry a valid owner id; challenges and refusals answer problem+json through <see cref="ApiProblems"/>.
/// </summary>
internal sealed class ApiJwtBearerEvents(ApiProblems problems) : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            context.NoResult();
        }
        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!OwnerIds.IsValid(context.Principal?.FindFirst(OwnerIds.ClaimType)?.Value))
        {
            context.Fail("The token's subject is missing or not a valid owner id.");
        }
        return Task.CompletedTask;
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var rejected = context.AuthenticateFailure is not null;
        context.Response.Headers.WWWAuthenticate = rejected ? "Bearer error=\"invalid_token\"" : "Bearer";
        return problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
            rejected ? "The bearer token was rejected." : "A bearer token is required.");
    }

    public override Task Forbidden(ForbiddenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "The caller has no valid owner id.");
    }
}
