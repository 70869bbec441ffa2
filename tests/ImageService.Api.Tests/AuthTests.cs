using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using ImageService.Api.Auth;
using ImageService.Api.Hosting;
using ImageService.Api.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests;

public sealed class AuthTests(AuthTests.Fixture fixture) : IClassFixture<AuthTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        /// <summary>Stands in for the Lambda host: a request carrying X-Preset-User arrives with HttpContext.User already
        /// authenticated, as API Gateway's JWT authorizer claims are, and no Authorization header.</summary>
        public ImageServiceApp App { get; } = new()
        {
            ConfigureServicesForTest = services => services.AddSingleton<IStartupFilter, PresetUserStartupFilter>(),
        };

        public void Dispose() => App.Dispose();
    }

    private readonly ImageServiceApp app = fixture.App;

    [Fact]
    public async Task A_request_without_a_token_is_401_problem_with_a_bearer_challenge()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/images");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:unauthorized", problem.GetProperty("type").GetString());
        Assert.Equal("Authentication is required.", problem.GetProperty("title").GetString());
        Assert.Equal("A bearer token is required.", problem.GetProperty("detail").GetString());
    }

    public static TheoryData<string, string> RejectedTokens() => new()
    {
        { "wrong key", DevelopmentTokens.Create(ImageServiceApp.Auth with { SigningKey = "another-key-another-key-another-key-0000" }, "alice") },
        { "wrong issuer", DevelopmentTokens.Create(ImageServiceApp.Auth with { Issuer = "someone-else" }, "alice") },
        { "wrong audience", DevelopmentTokens.Create(ImageServiceApp.Auth with { Audience = ["other-api"] }, "alice") },
        { "expired", DevelopmentTokens.Create(ImageServiceApp.Auth, "alice", new ShiftedTime(TimeSpan.FromDays(-2))) },
        { "not a JWT", "not-a-token" },
    };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task A_token_that_fails_validation_is_401(string reason, string token)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("/images");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, reason);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_already_authenticated_by_the_hosting_layer_is_accepted_without_a_token()
    {
        using var client = app.CreateClient();
        using var uploaded = app.CreateClient(user: "carol");
        var image = await uploaded.UploadOkAsync(TestImages.Jpeg(40, 30));
        client.DefaultRequestHeaders.Add(PresetUserStartupFilter.Header, "carol");

        using var response = await client.GetAsync($"/images/{image.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(image.Id, (await response.ReadAsync<ImageResponse>()).Id);
    }

    [Fact]
    public async Task A_preset_user_whose_subject_is_not_a_valid_owner_id_is_refused()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(PresetUserStartupFilter.Header, "../etc");

        using var response = await client.GetAsync("/images");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:forbidden", problem.GetProperty("type").GetString());
        Assert.Equal("Forbidden.", problem.GetProperty("title").GetString());
        Assert.Equal("The caller has no valid owner id.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void The_token_command_refuses_outside_development()
    {
        Assert.Equal(2, TokenCommand.Run(["--user", "alice", "--environment", "Production"]));
    }

    [Fact]
    public void A_development_token_carries_the_user_as_subject()
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(DevelopmentTokens.Create(ImageServiceApp.Auth, "dev-user"));

        Assert.Equal(("dev-user", ImageServiceApp.Issuer), (token.Subject, token.Issuer));
        Assert.True(token.ValidTo > DateTime.UtcNow.AddHours(1));
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().Add(shift);
    }

    private sealed class PresetUserStartupFilter : IStartupFilter
    {
        public const string Header = "X-Preset-User";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var user))
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", user.ToString())], "ApiGatewayJwt"));
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
