namespace ImageService.Dashboard.BrowserTests;

/// <summary>One server and one browser for every browser test (starting Chromium and the API costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard";
}
