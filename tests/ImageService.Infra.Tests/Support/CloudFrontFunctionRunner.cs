using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageService.Infra.Constructs;

namespace ImageService.Infra.Tests.Support;

/// <summary>
/// Runs the embedded viewer-request function under Node with a CloudFront event and returns the request it
/// produces. Node is a superset of the cloudfront-js-2.0 runtime, so this checks behaviour, not runtime limits.
/// </summary>
internal static class CloudFrontFunctionRunner
{
    /// <summary>Runs the function; <paramref name="headers"/> (lower-case names) are added to, or replace, the
    /// default Host (the distribution's own domain) and Accept.</summary>
    public static JsonObject Run(JsonObject querystring, string? accept, params (string Name, string Value)[] headers)
    {
        var viewerHeaders = new JsonObject { ["host"] = new JsonObject { ["value"] = "d111111abcdef8.cloudfront.net" } };
        if (accept is not null)
        {
            viewerHeaders["accept"] = new JsonObject { ["value"] = accept };
        }

        foreach (var (name, value) in headers)
        {
            viewerHeaders[name] = new JsonObject { ["value"] = value };
        }

        var cloudFrontEvent = new JsonObject
        {
            ["version"] = "1.0",
            ["context"] = new JsonObject { ["eventType"] = "viewer-request" },
            ["viewer"] = new JsonObject { ["ip"] = "198.51.100.7" },
            ["request"] = new JsonObject
            {
                ["method"] = "GET",
                ["uri"] = "/pk_live_123/img_1",
                ["querystring"] = querystring,
                ["headers"] = viewerHeaders,
                ["cookies"] = new JsonObject(),
            },
        };

        var script = Path.Combine(Path.GetTempPath(), $"normalize-request-{Guid.NewGuid():N}.js");
        File.WriteAllText(script, DeliveryCdn.NormalizeRequestSource()
            + "\nprocess.stdout.write(JSON.stringify(handler(JSON.parse(process.argv[2]))));\n");
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(cloudFrontEvent.ToJsonString());
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

    /// <summary>A CloudFront query string object: name -> { value }.</summary>
    public static JsonObject Query(params (string Name, string Value)[] parameters)
    {
        var query = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            query[name] = new JsonObject { ["value"] = value };
        }

        return query;
    }
}
