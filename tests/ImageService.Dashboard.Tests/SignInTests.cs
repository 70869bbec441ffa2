using System.Net.Http;
using ImageService.Contracts.Dashboard;
using ImageService.Dashboard.Pages;
using ImageService.Dashboard.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Dashboard.Tests;

public sealed class SignInTests : DashboardTestContext
{
    [Fact]
    public void Development_sign_in_gets_a_token_and_returns_to_the_page_the_user_was_on()
    {
        Api.On(HttpMethod.Post, "/auth/dev-token", 200, """{"accessToken":"tok-alice","expiresAt":"2026-12-01T22:00:00Z"}""");
        Navigation.NavigateTo("sign-in?returnUrl=keys");
        var page = Render<SignIn>();

        page.Find("#user-name").Change("alice");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.EndsWith("/keys", Navigation.Uri, StringComparison.Ordinal));
        Assert.Equal("""{"userName":"alice"}""", Assert.Single(Api.BodiesOf(HttpMethod.Post, "/auth/dev-token")));
        var session = Services.GetRequiredService<Session>();
        Assert.Equal("tok-alice", session.AccessToken);
        Assert.True(session.IsSignedIn);
        Assert.Equal("alice", session.UserName);
    }

    [Fact]
    public void An_invalid_user_name_shows_the_api_message_for_the_field()
    {
        Api.Problem(HttpMethod.Post, "/auth/dev-token", 400,
            """{"type":"urn:imageservice:problem:validation","title":"The request is invalid.","status":400,"errors":{"userName":["Letters and digits only."]}}""");
        var page = Render<SignIn>();

        page.Find("#user-name").Change("no spaces");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Letters and digits only.", page.Find("#user-name-error").TextContent));
        Assert.False(Services.GetRequiredService<Session>().IsSignedIn);
    }

    [Fact]
    public void The_form_is_labelled_user_name_with_a_sign_in_button()
    {
        var page = Render<SignIn>();

        Assert.Equal("User name", page.Find("label[for=user-name]").TextContent);
        Assert.Equal("Sign in", page.Find("button[type=submit]").TextContent);
    }

    [Fact]
    public void An_expired_session_says_so()
    {
        Navigation.NavigateTo("sign-in?returnUrl=keys&expired=1");
        var page = Render<SignIn>();

        Assert.Contains("session has ended", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keys", "keys")]
    [InlineData("images/01ABC?x=1", "images/01ABC?x=1")]
    [InlineData("https://evil.example/", "")]
    [InlineData("//evil.example/", "")]
    [InlineData("/\\evil.example", "")]
    [InlineData("javascript:alert(1)", "")]
    [InlineData(null, "")]
    public void Return_paths_stay_inside_the_app(string? returnUrl, string expected) =>
        Assert.Equal(expected, SignInNavigation.SafeReturnPath(returnUrl));
}
