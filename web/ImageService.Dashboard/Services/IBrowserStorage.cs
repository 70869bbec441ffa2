namespace ImageService.Dashboard.Services;

/// <summary>The tab's sessionStorage (gone when the tab closes): the session and the sign-in's PKCE state. In the
/// browser it is <see cref="BrowserStorage"/>; the component tests keep it in memory.</summary>
public interface IBrowserStorage
{
    string? GetItem(string key);

    void SetItem(string key, string value);

    void RemoveItem(string key);
}
