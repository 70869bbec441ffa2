using System.Globalization;
using Microsoft.JSInterop;

namespace ImageService.Dashboard.Services;

/// <summary>
/// The signed-in user's bearer token. Kept in the tab's sessionStorage (gone when the tab closes, never in a URL or a
/// cookie); signing out removes it. An expired token counts as signed out, so the next page asks to sign in again.
/// </summary>
public sealed class Session(IJSRuntime js, TimeProvider time)
{
    private const string TokenKey = "imageservice.accessToken";
    private const string ExpiresKey = "imageservice.expiresAt";
    private const string UserKey = "imageservice.user";

    public string? AccessToken { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public string? UserName { get; private set; }

    public bool IsSignedIn => AccessToken is not null && time.GetUtcNow() < ExpiresAt;

    /// <summary>Raised when the user signs in or out (the layout re-renders its navigation).</summary>
    public event Action? Changed;

    public async Task RestoreAsync()
    {
        AccessToken = await js.InvokeAsync<string?>("sessionStorage.getItem", TokenKey);
        var expires = await js.InvokeAsync<string?>("sessionStorage.getItem", ExpiresKey);
        UserName = await js.InvokeAsync<string?>("sessionStorage.getItem", UserKey);
        ExpiresAt = DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : default;
    }

    public async Task SignInAsync(string accessToken, DateTimeOffset expiresAt, string? userName)
    {
        (AccessToken, ExpiresAt, UserName) = (accessToken, expiresAt, userName);
        await js.InvokeVoidAsync("sessionStorage.setItem", TokenKey, accessToken);
        await js.InvokeVoidAsync("sessionStorage.setItem", ExpiresKey, expiresAt.ToString("O", CultureInfo.InvariantCulture));
        await js.InvokeVoidAsync("sessionStorage.setItem", UserKey, userName ?? "");
        Changed?.Invoke();
    }

    public async Task SignOutAsync()
    {
        (AccessToken, ExpiresAt, UserName) = (null, default, null);
        await js.InvokeVoidAsync("sessionStorage.removeItem", TokenKey);
        await js.InvokeVoidAsync("sessionStorage.removeItem", ExpiresKey);
        await js.InvokeVoidAsync("sessionStorage.removeItem", UserKey);
        Changed?.Invoke();
    }
}
