using System.Globalization;

namespace ImageService.Dashboard.Services;

/// <summary>
/// The signed-in user's bearer token. Kept in the tab's sessionStorage (gone when the tab closes, never in a URL or a
/// cookie); signing out removes it. An expired token counts as signed out, so the next page asks to sign in again.
/// </summary>
public sealed class Session(IBrowserStorage storage, TimeProvider time)
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

    public void Restore()
    {
        AccessToken = storage.GetItem(TokenKey);
        var expires = storage.GetItem(ExpiresKey);
        UserName = storage.GetItem(UserKey);
        ExpiresAt = DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : default;
    }

    public void SignIn(string accessToken, DateTimeOffset expiresAt, string? userName)
    {
        (AccessToken, ExpiresAt, UserName) = (accessToken, expiresAt, userName);
        storage.SetItem(TokenKey, accessToken);
        storage.SetItem(ExpiresKey, expiresAt.ToString("O", CultureInfo.InvariantCulture));
        storage.SetItem(UserKey, userName ?? "");
        Changed?.Invoke();
    }

    public void SignOut()
    {
        (AccessToken, ExpiresAt, UserName) = (null, default, null);
        storage.RemoveItem(TokenKey);
        storage.RemoveItem(ExpiresKey);
        storage.RemoveItem(UserKey);
        Changed?.Invoke();
    }
}
