using System.Text;

namespace ImageService.Fuzz.Tests;

/// <summary>Strings that parsers meet from hostile or broken clients: edge numbers, encodings, separators, controls,
/// lone surrogates, very long runs.</summary>
internal static class Alphabet
{
    private static readonly string[] Interesting =
    [
        "", " ", "0", "-0", "1", "-1", "00001", "1.5", "1e3", "1e309", "NaN", "Infinity", "-Infinity", "0x10", "2147483648",
        "-2147483649", "9223372036854775808", "8192", "8193", "4", "4.0001", "0.3", "1000.01", "true", "false", "TRUE",
        "auto", "jpeg", "jpg", "png", "webp", "avif", "gif", "tiff", "cover", "contain", "fill", "inside", "outside",
        "smart", "centre", "north", "ne", "fp:0.5:0.5", "fp:1.1:0", "fp:-0:1", "fp::", "fp:0.5", "fp:NaN:NaN",
        "#fff", "%23ffffff", "ffffff00", "ggg", "90", "180", "270", "360", "%", "%2", "%zz", "%00", "%2e%2e", "..", "/",
        "\\", "&", "=", "+", "?", "#", ";", ",", "\0", "\r\n", "\t", "é", "日本", "😀", "\uD800", "\uDC00x",
        "xn--", "*", "*.", ".", "localhost", "[::1]", "127.0.0.1", ":443", ":0", ":65536", "http://", "https://a",
    ];

    public static string Value(Random random) => random.Next(4) switch
    {
        0 => Interesting[random.Next(Interesting.Length)],
        1 => Interesting[random.Next(Interesting.Length)] + Interesting[random.Next(Interesting.Length)],
        2 => Chars(random, random.Next(12)),
        _ => random.Next(20) == 0 ? new string((char)random.Next(32, 127), 5000 + random.Next(5000)) : Chars(random, random.Next(40)),
    };

    /// <summary>Random UTF-16 code units: mostly ASCII, some Latin-1, some astral pairs, some lone surrogates.</summary>
    public static string Chars(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(10))
            {
                case < 6:
                    text.Append((char)random.Next(0x20, 0x7F));
                    break;
                case 6:
                    text.Append((char)random.Next(0, 0x20));
                    break;
                case 7:
                    text.Append((char)random.Next(0x80, 0x800));
                    break;
                case 8:
                    text.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF)));
                    break;
                default:
                    text.Append((char)random.Next(0xD800, 0xE000)); // lone surrogate
                    break;
            }
        }
        return text.ToString();
    }
}
