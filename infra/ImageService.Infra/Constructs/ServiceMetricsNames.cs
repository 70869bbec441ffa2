namespace ImageService.Infra.Constructs;

/// <summary>Label names of the API's metrics (functions/ImageService.Api/Observability/ServiceMetrics.cs), which
/// the functions' EMF lines carry as CloudWatch dimensions. Infra references no application code, so they are
/// repeated here; the README's Operations table lists both.</summary>
public static class ServiceMetricsNames
{
    public const string RouteGroup = "route_group";
    public const string StatusClass = "status_class";
}
