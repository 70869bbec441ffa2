using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace ImageService.Api.Images;

/// <summary>A 304 answer to If-None-Match. Unlike a bare status code result it tells OpenAPI about itself, so the
/// handlers' return types list every response they give.</summary>
internal sealed class NotModified : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private NotModified()
    {
    }

    public static NotModified Instance { get; } = new();

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status304NotModified;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}
