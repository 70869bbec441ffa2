using System.Net;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Tests.Observability;

public sealed class LoggingFormatTests
{
    [Fact]
    public async Task Text_lines_are_available_on_request()
    {
        using var app = new ImageServiceApp(new Dictionary<string, string?> { ["Logging:Format"] = "text" });
        using var client = app.CreateClient();

        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Any_other_format_stops_the_start_naming_the_key()
    {
        using var app = new ImageServiceApp(new Dictionary<string, string?> { ["Logging:Format"] = "xml" });

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Equal("Logging:Format must be json or text (got 'xml').", Assert.Single(failure.Failures));
    }
}
