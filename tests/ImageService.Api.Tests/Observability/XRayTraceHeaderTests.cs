using ImageService.Api.Observability;

namespace ImageService.Api.Tests.Observability;

public sealed class XRayTraceHeaderTests
{
    [Theory]
    // The example of the X-Ray developer guide: the root's epoch and random parts are the W3C trace id.
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")]
    [InlineData("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8;Sampled=0", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00")]
    [InlineData("Sampled=1;Parent=53995c3f42cd8ad8;Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=a87bd80c:0", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")]
    public void An_xray_header_becomes_the_equivalent_traceparent(string header, string expected)
    {
        Assert.Equal(expected, XRayTraceHeader.ToTraceParent(header));
    }

    [Fact]
    public void A_root_without_a_parent_gets_a_span_of_its_own()
    {
        var traceparent = XRayTraceHeader.ToTraceParent("Root=1-5759e988-bd862e3fe1be46a994272793");

        Assert.Matches("^00-5759e988bd862e3fe1be46a994272793-[0-9a-f]{16}-00$", traceparent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Parent=53995c3f42cd8ad8")]
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279")]
    [InlineData("Root=1-5759e98g-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-00000000-000000000000000000000000")]
    public void Anything_else_is_no_trace(string? header)
    {
        Assert.Null(XRayTraceHeader.ToTraceParent(header));
    }
}
