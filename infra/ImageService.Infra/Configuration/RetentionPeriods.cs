using System.Collections.Frozen;
using Amazon.CDK.AWS.Logs;

namespace ImageService.Infra.Configuration;

/// <summary>CloudWatch accepts only these retention periods; settings name them in days.</summary>
public static class RetentionPeriods
{
    private static readonly FrozenDictionary<int, RetentionDays> ByDays = new Dictionary<int, RetentionDays>
    {
        [1] = RetentionDays.ONE_DAY,
        [3] = RetentionDays.THREE_DAYS,
        [5] = RetentionDays.FIVE_DAYS,
        [7] = RetentionDays.ONE_WEEK,
        [14] = RetentionDays.TWO_WEEKS,
        [30] = RetentionDays.ONE_MONTH,
        [60] = RetentionDays.TWO_MONTHS,
        [90] = RetentionDays.THREE_MONTHS,
        [180] = RetentionDays.SIX_MONTHS,
        [365] = RetentionDays.ONE_YEAR,
        [731] = RetentionDays.TWO_YEARS,
        [1827] = RetentionDays.FIVE_YEARS,
        [3653] = RetentionDays.TEN_YEARS,
    }.ToFrozenDictionary();

    public static IEnumerable<int> SupportedDays => ByDays.Keys.Order();

    public static bool IsSupported(int days) => ByDays.ContainsKey(days);

    public static RetentionDays FromDays(int days) =>
        ByDays.TryGetValue(days, out var retention)
            ? retention
            : throw new ArgumentOutOfRangeException(nameof(days), days, "Unsupported CloudWatch log retention.");
}
