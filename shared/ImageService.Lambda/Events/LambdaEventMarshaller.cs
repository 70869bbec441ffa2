using ImageService.Lambda.HttpApi;
using ImageService.Lambda.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ImageService.Lambda.Events;

/// <summary>Turns a non-HTTP event into the request the app sees (<c>POST /_lambda/{source}</c>, the event as body)
/// and its answer into the invocation's result.</summary>
internal static class LambdaEventMarshaller
{
    private const int MaxErrorDetail = 1024;

    public static InvocationFeatures CreateFeatures(
        LambdaEventSource source, LambdaInvocation invocation, CancellationTokenSource requestAborted)
    {
        var body = invocation.Payload;
        IHeaderDictionary headers = new HeaderDictionary();
        // Not a real host: nothing may mistake an event for a request to a customer's custom domain.
        headers.Host = "lambda.invalid";
        headers.ContentType = "application/json";
        headers.ContentLength = body.Length;
        var path = LambdaEventEndpoints.PathOf(source);
        var requestFeature = new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = "https",
            Method = HttpMethods.Post,
            Path = path,
            RawTarget = path,
            Headers = headers,
            Body = new MemoryStream(body, writable: false),
        };

        var features = new InvocationFeatures(new LambdaResponseFeature(), requestAborted);
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpRequestBodyDetectionFeature>(new RequestBodyDetection(body.Length > 0));
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { ConnectionId = invocation.AwsRequestId });
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = invocation.AwsRequestId });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = requestAborted.Token });
        features.Set<ILambdaInvocationFeature>(invocation);
        features.Set(new LambdaEventFeature(source));
        return features;
    }

    /// <summary>The invocation result of a 2xx answer: its body as it is, <c>{}</c> when empty (a JSON document either
    /// way; for SQS no <c>batchItemFailures</c> means the whole batch succeeded). Null for any other status.</summary>
    public static async Task<byte[]?> CreateResultAsync(LambdaResponseFeature response)
    {
        var body = await response.GetBodyAsync().ConfigureAwait(false);
        if (response.StatusCode is < 200 or > 299)
        {
            return null;
        }

        return body.IsEmpty ? "{}"u8.ToArray() : body.ToArray();
    }

    /// <summary>The invocation error for a non-2xx answer, with the start of its body as the message.</summary>
    public static async Task<LambdaError> CreateErrorAsync(LambdaEventSource source, LambdaResponseFeature response)
    {
        var body = await response.GetBodyAsync().ConfigureAwait(false);
        var detail = System.Text.Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, MaxErrorDetail)]);
        return new LambdaError(
            "Function.EventFailed",
            $"The app answered the {source} event with {response.StatusCode}{(detail.Length > 0 ? ": " + detail : ".")}");
    }
}
