using System.Globalization;

namespace ImageService.Api.Tests.Hardening;

internal sealed record RawResponse(int Status, string Head, string Body)
{
    public static RawResponse Parse(string text)
    {
        if (text.Length == 0)
        {
            return new RawResponse(0, "", "");
        }
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        return new RawResponse(int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture), head, body);
    }

    public string? Header(string name) => Head.Split("\r\n").Skip(1)
        .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        .Select(line => line[(name.Length + 1)..].Trim()).FirstOrDefault();
}
