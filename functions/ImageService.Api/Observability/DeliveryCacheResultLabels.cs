namespace ImageService.Api.Observability;

internal static class DeliveryCacheResultLabels
{
    public static string Label(this DeliveryCacheResult result) => result switch
    {
        DeliveryCacheResult.DerivedHit => "derived_hit",
        DeliveryCacheResult.Render => "render",
        DeliveryCacheResult.NotModified => "not_modified",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
