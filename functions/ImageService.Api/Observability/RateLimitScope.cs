namespace ImageService.Api.Observability;

public enum RateLimitScope
{
    /// <summary>The plan's delivery requests per second.</summary>
    Delivery,
    /// <summary>Uploads:PerUserPerMinute.</summary>
    Upload,
}
