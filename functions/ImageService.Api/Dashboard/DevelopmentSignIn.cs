using ImageService.Api.Auth;
using ImageService.Api.Problems;
using ImageService.Contracts.Dashboard;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Dashboard;

/// <summary>
/// <c>POST /auth/dev-token</c> <c>{"userName"}</c> → <c>{"accessToken","expiresAt"}</c>: the dashboard's local sign-in,
/// the HTTP form of the <c>token</c> command. Mapped only in the Development environment (never on AWS, not in
/// ServiceRoutes): anyone who can reach it can act as any user.
/// </summary>
public static class DevelopmentSignIn
{
    public const string Route = "/auth/dev-token";

    public static WebApplication MapDevelopmentSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsDevelopment())
        {
            app.MapPost(Route, Issue).AllowAnonymous().ExcludeFromDescription();
        }
        return app;
    }

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> Issue(
        DevTokenRequest? request, IOptions<AuthOptions> auth, TimeProvider time)
    {
        var user = request?.UserName?.Trim();
        if (user is null || !OwnerIds.IsValid(user))
        {
            return ApiProblems.Validation("userName",
                "A user name is 1-128 characters: letters, digits and . _ @ + -, starting with a letter or digit.");
        }
        if (string.IsNullOrEmpty(auth.Value.SigningKey))
        {
            return ApiProblems.Problem(ProblemTypes.Forbidden, "Auth:SigningKey is not configured, so no development token can be issued.");
        }
        var expiresAt = time.GetUtcNow().Add(auth.Value.DevelopmentTokenLifetime);
        return TypedResults.Ok(new DevTokenResponse(DevelopmentTokens.Create(auth.Value, user, time), expiresAt));
    }
}
