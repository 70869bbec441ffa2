using System.Globalization;

namespace ImageService.Core.Usage;

/// <summary>Month keys of the usage counters: <c>YYYY-MM</c> of the UTC calendar month (<c>2026-11</c>).</summary>
public static class UsageMonth
{
    private const string Format = "yyyy-MM";

    public static string Of(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Accepts exactly <c>YYYY-MM</c> (what <c>GET /usage?month=</c> takes); anything else is a 400.</summary>
    public static bool TryParse(string? value, out string month)
    {
        month = "";
        if (value is not { Length: 7 }
            || !DateTime.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }

        month = value;
        return true;
    }

    /// <summary>The first instant (UTC) of the month after <paramref name="instant"/>'s: when monthly quotas reset.</summary>
    public static DateTimeOffset NextMonthStart(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }
}
