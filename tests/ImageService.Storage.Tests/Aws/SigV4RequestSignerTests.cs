using Amazon.Runtime;
using ImageService.Storage.Aws;

namespace ImageService.Storage.Tests.Aws;

/// <summary>Vectors from AWS's published Signature Version 4 test suite.</summary>
public sealed class SigV4RequestSignerTests
{
    private static readonly ImmutableCredentials Suite = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTime SuiteTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public void Signs_the_suites_get_vanilla_request_exactly_as_aws_does()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");

        SigV4RequestSigner.Sign(request, [], Suite, "us-east-1", "service", SuiteTime);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            string.Join(",", request.Headers.GetValues("Authorization")));
        Assert.Equal("20150830T123600Z", string.Join(",", request.Headers.GetValues("X-Amz-Date")));
    }

    [Fact]
    public void Signs_the_suites_get_vanilla_query_order_key_case_request_exactly_as_aws_does()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/?Param2=value2&Param1=value1");

        SigV4RequestSigner.Sign(request, [], Suite, "us-east-1", "service", SuiteTime);

        Assert.EndsWith(
            "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
            string.Join(",", request.Headers.GetValues("Authorization")),
            StringComparison.Ordinal);
    }
}
