using System.Text.Json;
using ImageService.Lambda.HttpApi;

namespace ImageService.Lambda.Tests;

/// <summary>The host's own 500 knows no app's problem scheme: the app names the type and title, else RFC 9457's default.</summary>
public sealed class UnhandledProblemTests
{
    [Fact]
    public void Without_settings_the_host_answers_with_the_rfc_default_type()
    {
        using var problem = JsonDocument.Parse(HttpApiV2Marshaller.CreateProblemBody(new LambdaHostingOptions(), "c-1"));

        Assert.Equal("about:blank", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("c-1", problem.RootElement.GetProperty("correlationId").GetString());
    }

    [Fact]
    public void The_app_names_the_type_and_title()
    {
        var options = new LambdaHostingOptions { UnhandledErrorType = "urn:example:problem:internal", UnhandledErrorTitle = "Broken." };

        using var problem = JsonDocument.Parse(HttpApiV2Marshaller.CreateProblemBody(options, "c-2"));

        Assert.Equal("urn:example:problem:internal", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("Broken.", problem.RootElement.GetProperty("title").GetString());
    }
}
