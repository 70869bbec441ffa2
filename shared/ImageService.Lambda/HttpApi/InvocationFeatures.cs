using Microsoft.AspNetCore.Http.Features;

namespace ImageService.Lambda.HttpApi;

/// <summary>The feature collection for one invocation: what the app sees as its HttpContext.</summary>
internal sealed class InvocationFeatures : FeatureCollection, IDisposable
{
    private readonly CancellationTokenSource _requestAborted;

    public InvocationFeatures(LambdaResponseFeature response, CancellationTokenSource requestAborted)
    {
        Response = response;
        _requestAborted = requestAborted;
        Set<IHttpResponseFeature>(response);
        Set<IHttpResponseBodyFeature>(response);
        Set<IHttpBodyControlFeature>(response);
    }

    public LambdaResponseFeature Response { get; }

    public void Dispose()
    {
        Response.Dispose();
        _requestAborted.Dispose();
    }
}
