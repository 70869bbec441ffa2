using ImageService.Infra.Configuration;

namespace ImageService.Infra;

public sealed record DashboardStackProps
{
    public required StageSettings Stage { get; init; }

    /// <summary>The published dashboard (wwwroot with app/index.html).</summary>
    public required string PublishDirectory { get; init; }

    /// <summary>The stage's API stack: the dashboard reads its API URL, CDN domain and user pool.</summary>
    public required ImageServiceStack Service { get; init; }
}
