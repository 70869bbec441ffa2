using Microsoft.AspNetCore.Components;

namespace ImageService.Dashboard.Services;

/// <summary>Sends the user to sign-in remembering where they were, and back there afterwards.</summary>
public static class SignInNavigation
{
    public const string SignInPage = "sign-in";

    public static void ToSignIn(this NavigationManager navigation, bool expired = false)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        var here = navigation.ToBaseRelativePath(navigation.Uri);
        if (here.StartsWith(SignInPage, StringComparison.Ordinal) || here.StartsWith("callback", StringComparison.Ordinal))
        {
            return;
        }
        var query = "?returnUrl=" + Uri.EscapeDataString(here) + (expired ? "&expired=1" : "");
        navigation.NavigateTo(SignInPage + query);
    }

    /// <summary>A return path inside the app only (never another site: the value comes from the address bar).</summary>
    public static string SafeReturnPath(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || returnUrl.Contains("//", StringComparison.Ordinal) || returnUrl.Contains(':', StringComparison.Ordinal)
            || returnUrl.StartsWith('/') || returnUrl.StartsWith('\\')
            ? ""
            : returnUrl;
}
