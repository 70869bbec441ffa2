using Microsoft.AspNetCore.Http.Features;

namespace ImageService.Lambda.HttpApi;

/// <summary>Tells the framework whether the request has a body. Minimal APIs read a JSON body parameter only when this
/// feature says so (without it an optional <c>[FromBody]</c> parameter is always null); Kestrel sets it from the
/// framing, the event states the whole body up front.</summary>
internal sealed class RequestBodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
{
    public bool CanHaveBody { get; } = canHaveBody;
}
