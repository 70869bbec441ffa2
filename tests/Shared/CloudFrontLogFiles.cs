using System.IO.Compression;
using System.Text;

namespace ImageService.Tests.Shared;

/// <summary>Log files in CloudFront's standard (legacy) format, with the 33 fields AWS documents ("Log file fields" in
/// the CloudFront developer guide's standard logging reference), written the way CloudFront writes them: two
/// directives, then one tab-separated line per viewer request, gzip. Linked into the test projects that use it.</summary>
internal static class CloudFrontLogFiles
{
    public const string Header = "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
        + "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes "
        + "time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status "
        + "fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end\n";

    /// <summary>One viewer request as CloudFront logs it (values in the documented order).</summary>
    public static string Line(string date, string time, long scBytes, string uriStem, string hostHeader = "d111111abcdef8.cloudfront.net",
        string resultType = "Hit", int status = 200, string query = "w=400&f=auto") =>
        string.Join('\t',
            date, time, "FRA56-P1", scBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "192.0.2.10", "GET",
            "d111111abcdef8.cloudfront.net", uriStem, status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "https://shop.example.com/", "Mozilla/5.0%20(X11;%20Linux%20x86_64)", query, "-", resultType,
            "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==", hostHeader, "https", "312", "0.001", "-", "TLSv1.3",
            "TLS_AES_128_GCM_SHA256", resultType, "HTTP/2.0", "-", "-", "11040", "0.001", resultType, "image/webp",
            "18304", "-", "-");

    public static string File(params string[] lines) => Header + string.Concat(lines.Select(line => line + "\n"));

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }
}
