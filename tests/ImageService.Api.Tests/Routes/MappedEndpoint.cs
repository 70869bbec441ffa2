namespace ImageService.Api.Tests.Routes;

/// <summary>One method of one endpoint the API maps, and whether the app demands an authenticated caller for it.</summary>
internal sealed record MappedEndpoint(RouteShape Shape, bool RequiresCaller, string Name)
{
    public override string ToString() => $"{Shape} ({Name})";
}
