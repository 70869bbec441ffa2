using ImageService.Infra.Tests.Support;

namespace ImageService.Infra.Tests;

/// <summary>
/// The functions' zip is the publish minus what only the one-machine install uses: the dashboard's wwwroot (about
/// 11 MB) and its static-asset manifest. On AWS the dashboard is the CloudFront site's bucket, and no function maps /app/.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class LambdaAssetTests(DevTemplate stack)
{
    [Fact]
    public void Every_functions_zip_holds_the_bootstrap_and_libvips_but_not_the_dashboard()
    {
        var keys = stack.Json.ServiceFunctions().Select(f => TemplateJson.Text(f.Properties["Code"]!["S3Key"])!).Distinct().ToList();
        Assert.Equal(2, keys.Count); // the native artifact and billing's managed one

        foreach (var key in keys)
        {
            var files = stack.StagedFiles(key);
            Assert.Contains("bootstrap", files);
            Assert.Contains("libvips.so.42", files);
            Assert.DoesNotContain(files, f => f.StartsWith("wwwroot/", StringComparison.Ordinal));
            Assert.DoesNotContain("bootstrap.staticwebassets.endpoints.json", files);
        }
    }
}
