using System.Text;
using ImageService.Contracts.Dashboard;

namespace ImageService.Api.Dashboard;

/// <summary>
/// The dashboard's index.html as built (asset placeholders replaced by fingerprinted names), read once from the web
/// root. It is the answer for every client-side route under /app/, and its inline import map (which maps module names
/// to fingerprinted files) is the one inline script the policy allows, by hash.
/// </summary>
internal sealed class DashboardIndex(IWebHostEnvironment environment)
{
    private readonly Lazy<(byte[] Html, string? ImportMapHash)> page = new(() => Load(environment));

    public byte[]? Html => page.Value.Html.Length == 0 ? null : page.Value.Html;

    /// <summary><c>'sha256-…'</c> of the import map's text, or null when the page has none.</summary>
    public string? ImportMapHash => page.Value.ImportMapHash;

    private static (byte[], string?) Load(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("app/index.html");
        if (!file.Exists)
        {
            return ([], null);
        }
        using var stream = file.CreateReadStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var html = buffer.ToArray();
        return (html, DashboardPolicy.ImportMapHashOf(Encoding.UTF8.GetString(html)));
    }
}
