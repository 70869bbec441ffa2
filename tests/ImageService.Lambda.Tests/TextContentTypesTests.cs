using ImageService.Lambda.HttpApi;

namespace ImageService.Lambda.Tests;

public sealed class TextContentTypesTests
{
    [Theory]
    [InlineData("text/plain", null, true)]
    [InlineData("text/html; charset=utf-8", null, true)]
    [InlineData("application/json", null, true)]
    [InlineData("application/problem+json", null, true)]
    [InlineData("application/vnd.api+json; charset=UTF-8", null, true)]
    [InlineData("application/xml", null, true)]
    [InlineData("image/svg+xml", null, true)]
    [InlineData("application/javascript", null, true)]
    [InlineData("image/png", null, false)]
    [InlineData("image/webp", null, false)]
    [InlineData("application/octet-stream", null, false)]
    [InlineData("application/pdf", null, false)]
    [InlineData("application/json", "gzip", false)]
    [InlineData("text/css", "br", false)]
    [InlineData("text/plain; charset=iso-8859-1", null, false)]
    [InlineData(null, null, false)]
    [InlineData("not a media type", null, false)]
    public void Only_text_media_types_travel_unencoded(string? contentType, string? contentEncoding, bool isText) =>
        Assert.Equal(isText, TextContentTypes.IsText(contentType, contentEncoding));
}
