using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ImageService.Api.Hosting.Configuration;

/// <summary>A duration between two bounds (<c>c</c> format, e.g. <c>"00:00:01"</c>, <c>"7.00:00:00"</c>).
/// <see cref="RangeAttribute"/>'s TimeSpan form converts through reflection, which the trimmed build refuses.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute
{
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    public override bool IsValid(object? value) => value is not TimeSpan span || (span >= Minimum && span <= Maximum);
}
