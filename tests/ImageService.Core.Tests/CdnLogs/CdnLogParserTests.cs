using ImageService.Core.CdnLogs;
using ImageService.Tests.Shared;

namespace ImageService.Core.Tests.CdnLogs;

public sealed class CdnLogParserTests
{
    [Fact]
    public void A_documented_line_yields_its_date_time_path_host_status_and_bytes()
    {
        var parser = new CdnLogParser();
        foreach (var directive in CloudFrontLogFiles.Header.TrimEnd('\n').Split('\n'))
        {
            Assert.Equal(CdnLogLineKind.Directive, parser.Parse(directive).Kind);
        }

        var line = parser.Parse(CloudFrontLogFiles.Line("2026-11-30", "23:59:58", 18650, "/pk_Q7mZ2xK9vB4nR8tL1cW6yH3e/img_01JD5XK8F2",
            hostHeader: "img.shop.example", status: 304));

        Assert.Equal(CdnLogLineKind.Entry, line.Kind);
        var entry = line.Entry!;
        Assert.Equal(new DateOnly(2026, 11, 30), entry.Date);
        Assert.Equal(new TimeOnly(23, 59, 58), entry.Time);
        Assert.Equal("/pk_Q7mZ2xK9vB4nR8tL1cW6yH3e/img_01JD5XK8F2", entry.UriStem);
        Assert.Equal("img.shop.example", entry.HostHeader);
        Assert.Equal(304, entry.Status);
        Assert.Equal(18650, entry.ScBytes);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 59, 58, TimeSpan.Zero), entry.Timestamp);
    }

    [Fact]
    public void Columns_are_found_by_the_fields_line_not_by_position()
    {
        var parser = new CdnLogParser();
        parser.Parse("#Version: 1.0");
        parser.Parse("#Fields: x-host-header cs-uri-stem sc-bytes time date");

        var entry = parser.Parse("img.shop.example\t/products/red-shoe.jpg\t512\t01:02:03\t2026-12-01").Entry;

        Assert.Equal(new CdnLogEntry(new DateOnly(2026, 12, 1), new TimeOnly(1, 2, 3), "/products/red-shoe.jpg", "img.shop.example", null, 512), entry);
    }

    [Fact]
    public void A_file_without_a_fields_line_is_read_in_the_documented_order()
    {
        var entry = new CdnLogParser().Parse(CloudFrontLogFiles.Line("2026-11-02", "10:00:00", 77, "/pk_Q7mZ2xK9vB4nR8tL1cW6yH3e/a")).Entry;

        Assert.Equal(77, entry!.ScBytes);
        Assert.Equal("d111111abcdef8.cloudfront.net", entry.HostHeader);
    }

    [Fact]
    public void A_dash_host_header_is_no_host()
    {
        var entry = new CdnLogParser().Parse(CloudFrontLogFiles.Line("2026-11-02", "10:00:00", 77, "/x", hostHeader: "-")).Entry;

        Assert.Null(entry!.HostHeader);
    }

    [Theory]
    [InlineData("2026-11-02\t10:00:00\tFRA56-P1", "Expected at least 8 tab-separated fields, found 3.")]
    [InlineData("2026-13-02\t10:00:00\tFRA56-P1\t100\t192.0.2.1\tGET\th\t/p", "'2026-13-02' is not a date (yyyy-MM-dd).")]
    [InlineData("2026-11-02\t25:00:00\tFRA56-P1\t100\t192.0.2.1\tGET\th\t/p", "'25:00:00' is not a time (HH:mm:ss).")]
    [InlineData("2026-11-02\t10:00:00\tFRA56-P1\t-5\t192.0.2.1\tGET\th\t/p", "sc-bytes '-5' is not a byte count.")]
    [InlineData("2026-11-02\t10:00:00\tFRA56-P1\tmany\t192.0.2.1\tGET\th\t/p", "sc-bytes 'many' is not a byte count.")]
    [InlineData("2026-11-02\t10:00:00\tFRA56-P1\t100\t192.0.2.1\tGET\th\tp", "cs-uri-stem 'p' is not a path.")]
    public void A_line_that_does_not_parse_says_why(string line, string problem)
    {
        var parsed = new CdnLogParser().Parse(line);

        Assert.Equal(CdnLogLineKind.Unparsed, parsed.Kind);
        Assert.Equal(problem, parsed.Problem);
    }

    [Fact]
    public void A_fields_line_without_a_needed_field_makes_its_lines_unparsed()
    {
        var parser = new CdnLogParser();
        parser.Parse("#Fields: date time cs-uri-stem");

        Assert.Equal("The #Fields line has no 'sc-bytes' field.", parser.Parse("2026-11-02\t10:00:00\t/p").Problem);
    }
}
