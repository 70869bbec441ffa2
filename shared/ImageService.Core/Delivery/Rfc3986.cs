using System.Text;

namespace ImageService.Core.Delivery;

/// <summary>
/// Percent-encoding exactly as RFC 3986 section 2: unreserved characters (A-Z a-z 0-9 - . _ ~) stay, every other
/// UTF-8 byte becomes %XX with upper-case hex. Written out rather than borrowed so the signing spec does not depend
/// on a framework method's escaping rules.
/// </summary>
internal static class Rfc3986
{
    public static string Encode(string value)
    {
        if (IsAllUnreserved(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved((char)b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes a query component the way browsers and ASP.NET Core do: '+' is a space, then %XX sequences.</summary>
    public static string DecodeQueryComponent(string value) =>
        Uri.UnescapeDataString(value.Replace('+', ' '));

    private static bool IsAllUnreserved(string value)
    {
        foreach (var c in value)
        {
            if (!IsUnreserved(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
