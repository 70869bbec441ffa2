using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageService.Infra.Constructs;

namespace ImageService.Infra.Tests;

/// <summary>The dashboard distribution's viewer-request function, run under node.</summary>
public sealed class DashboardRequestFunctionTests
{
    [Theory]
    [InlineData("/app/images/01JK3ZQ8W6M2T4XH7C9RDV5N1E", "/app/index.html")]
    [InlineData("/app/", "/app/index.html")]
    [InlineData("/app/keys", "/app/index.html")]
    [InlineData("/app/_framework/dotnet.abc123.js", "/app/_framework/dotnet.abc123.js")]
    [InlineData("/app/config.json", "/app/config.json")]
    public void Client_side_routes_get_the_index_page_and_files_keep_their_path(string uri, string expected) =>
        Assert.Equal(expected, Run(uri)["uri"]!.GetValue<string>());

    [Theory]
    [InlineData("/")]
    [InlineData("/app")]
    public void The_root_redirects_to_the_app(string uri)
    {
        var response = Run(uri);

        Assert.Equal(302, response["statusCode"]!.GetValue<int>());
        Assert.Equal("/app/", response["headers"]!["location"]!["value"]!.GetValue<string>());
    }

    private static JsonObject Run(string uri)
    {
        var script = Path.Combine(Path.GetTempPath(), $"dashboard-request-{Guid.NewGuid():N}.js");
        File.WriteAllText(script, DashboardSite.RequestFunctionSource() + "\nprocess.stdout.write(JSON.stringify(handler(JSON.parse(process.argv[2]))));\n");
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(new JsonObject { ["request"] = new JsonObject { ["method"] = "GET", ["uri"] = uri, ["headers"] = new JsonObject() } }.ToJsonString());
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"node failed: {error}");
            return JsonNode.Parse(output)!.AsObject();
        }
        finally
        {
            File.Delete(script);
        }
    }
}
