using System.Net.Http;
using ImageService.Dashboard.Pages;
using ImageService.Dashboard.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Dashboard.Tests;

public sealed class SessionTests : DashboardTestContext
{
    [Fact]
    public void A_401_ends_the_session_and_goes_to_sign_in_remembering_the_page()
    {
        SignIn();
        Api.Problem(HttpMethod.Get, "/account/keys", 401, """{"type":"urn:imageservice:problem:unauthorized","status":401}""");
        Navigation.NavigateTo("keys");

        Render<Keys>();

        Assert.EndsWith("/sign-in?returnUrl=keys&expired=1", Navigation.Uri, StringComparison.Ordinal);
        Assert.False(Services.GetRequiredService<Session>().IsSignedIn);
        Assert.False(Storage.Items.ContainsKey("imageservice.accessToken"));
    }

    [Fact]
    public void Requests_carry_the_bearer_token()
    {
        SignIn("bob");
        Api.On(HttpMethod.Get, "/account/keys", 200, "[]");

        Render<Keys>();

        Assert.Equal("Bearer token-of-bob", Api.Requests.Single(r => r.PathAndQuery == "/account/keys").Authorization);
    }

    [Fact]
    public void A_token_past_its_expiry_counts_as_signed_out()
    {
        SignIn();
        var session = Services.GetRequiredService<Session>();
        Assert.True(session.IsSignedIn);

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.False(session.IsSignedIn);
    }

    [Fact]
    public void Signing_out_clears_the_stored_token()
    {
        SignIn();
        var session = Services.GetRequiredService<Session>();

        Assert.Equal(["imageservice.accessToken", "imageservice.expiresAt", "imageservice.user"], Storage.Items.Keys.Order(StringComparer.Ordinal));

        session.SignOut();

        Assert.Null(session.AccessToken);
        Assert.Empty(Storage.Items);
    }

    [Fact]
    public void A_new_page_load_restores_the_session_from_storage()
    {
        Storage.SetItem("imageservice.accessToken", "token-of-carol");
        Storage.SetItem("imageservice.expiresAt", "2026-12-01T10:30:00.0000000+00:00");
        Storage.SetItem("imageservice.user", "carol");
        var session = Services.GetRequiredService<Session>();

        session.Restore();

        Assert.True(session.IsSignedIn);
        Assert.Equal("token-of-carol", session.AccessToken);
        Assert.Equal("carol", session.UserName);
        Assert.Equal(Now.AddMinutes(30), session.ExpiresAt);
    }
}
