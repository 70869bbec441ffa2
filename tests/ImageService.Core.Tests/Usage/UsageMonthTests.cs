using ImageService.Core.Usage;

namespace ImageService.Core.Tests.Usage;

public sealed class UsageMonthTests
{
    [Fact]
    public void The_month_key_is_the_utc_calendar_month()
    {
        Assert.Equal("2026-11", UsageMonth.Of(new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero)));
        // 20:30 on 30 November in UTC-5 is already December in UTC.
        Assert.Equal("2026-12", UsageMonth.Of(new DateTimeOffset(2026, 11, 30, 20, 30, 0, TimeSpan.FromHours(-5))));
        Assert.Equal("2027-01", UsageMonth.Of(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-01", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-00", false)]
    [InlineData("2026-1", false)]
    [InlineData("2026-11-01", false)]
    [InlineData("26-11", false)]
    [InlineData(" 2026-11", false)]
    [InlineData(null, false)]
    public void Only_yyyy_mm_is_accepted_as_a_month(string? value, bool valid)
    {
        Assert.Equal(valid, UsageMonth.TryParse(value, out var month));
        Assert.Equal(valid ? value : "", month);
    }

    [Fact]
    public void Quotas_reset_at_the_first_instant_of_the_next_utc_month()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
            UsageMonth.NextMonthStart(new DateTimeOffset(2026, 12, 15, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_delivery_counts_as_a_transformation_or_a_cache_hit()
    {
        Assert.Equal(new UsageDelta(1, 1, 500, 0), UsageDelta.ForDelivery(500, rendered: true));
        Assert.Equal(new UsageDelta(1, 0, 500, 1), UsageDelta.ForDelivery(500, rendered: false));
    }
}
