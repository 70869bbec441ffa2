using ImageService.Api.Problems;
using ImageService.Core.Imaging;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace ImageService.Api.OpenApi;

/// <summary>
/// What OpenAPI cannot learn from a handler's return type: that its bytes are an image, and which problem types it
/// answers with. Success responses (Ok&lt;T&gt;, Created&lt;T&gt;, NoContent, NotModified) describe themselves.
/// </summary>
public static class ApiResponses
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>Every media type an image endpoint answers with: the engine's output formats.</summary>
    public static IReadOnlyList<string> ImageMediaTypes { get; } = [.. OutputFormats.All.Select(OutputFormats.ContentType)];

    /// <summary>200 with image bytes; <paramref name="redirects"/>: results too large to answer inline are a 302 to a
    /// short-lived link.</summary>
    public static RouteHandlerBuilder ProducesImage(this RouteHandlerBuilder builder, bool redirects = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Produces<byte[]>(StatusCodes.Status200OK, ImageMediaTypes[0], [.. ImageMediaTypes.Skip(1)]);
        if (!redirects)
        {
            return builder;
        }
        return builder.Produces(StatusCodes.Status302Found).AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
        {
            if (operation.Responses?.GetValueOrDefault("302") is OpenApiResponse found)
            {
                found.Description = "The result is too large to answer inline: Location is a short-lived link to the stored result.";
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The problem types (<see cref="ProblemTypes"/> constants) this endpoint or group may answer with: one
    /// problem+json response per status, whose description names each type.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params string[] types) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(types);
        var metadata = types.Select(t => ProblemTypes.Get(t).Status).Distinct()
            .Select(status => (object)new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemJson]))
            .Append(new ProblemResponsesMetadata(types))
            .ToArray();
        return builder.WithMetadata(metadata);
    }
}
