using System.Net.Http;
using ImageService.Dashboard.Pages;
using ImageService.Dashboard.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Dashboard.Tests;

public sealed class SessionTests : DashboardTestContext
{
    [Fact]
    public async Task A_401_ends_the_session_and_goes_to_sign_in_remembering_the_page()
    {
        await SignInAsync();
        Api.Problem(HttpMethod.Get, "/account/keys", 401, """{"type":"urn:imageservice:problem:unauthorized","status":401}""");
        Navigation.NavigateTo("keys");

        Render<Keys>();

        Assert.EndsWith("/sign-in?returnUrl=keys&expired=1", Navigation.Uri, StringComparison.Ordinal);
        Assert.False(Services.GetRequiredService<Session>().IsSignedIn);
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "sessionStorage.removeItem" && (string?)i.Arguments[0] == "imageservice.accessToken");
    }

    [Fact]
    public async Task Requests_carry_the_bearer_token()
    {
        await SignInAsync("bob");
        Api.On(HttpMethod.Get, "/account/keys", 200, "[]");

        Render<Keys>();

        Assert.Equal("Bearer token-of-bob", Api.Requests.Single(r => r.PathAndQuery == "/account/keys").Authorization);
    }

    [Fact]
    public async Task A_token_past_its_expiry_counts_as_signed_out()
    {
        await SignInAsync();
        var session = Services.GetRequiredService<Session>();
        Assert.True(session.IsSignedIn);

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.False(session.IsSignedIn);
    }

    [Fact]
    public async Task Signing_out_clears_the_stored_token()
    {
        await SignInAsync();
        var session = Services.GetRequiredService<Session>();

        await session.SignOutAsync();

        Assert.Null(session.AccessToken);
        foreach (var key in new[] { "imageservice.accessToken", "imageservice.expiresAt", "imageservice.user" })
        {
            Assert.Contains(JSInterop.Invocations, i => i.Identifier == "sessionStorage.removeItem" && (string?)i.Arguments[0] == key);
        }
    }
}
