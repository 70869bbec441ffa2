using System.Diagnostics.CodeAnalysis;
using ImageService.Dashboard.Pages;

namespace ImageService.Dashboard;

/// <summary>
/// The router finds pages by reflection (the assembly's types with a [Route] attribute) and creates them and sets their
/// parameters and injected services by reflection, so nothing the trimmer can see references a routed page: with
/// TrimMode full it removed them, and the published app showed a not-found page it could not construct either. These
/// dependencies keep each routed page whole; the rest of the assembly (services, components) is trimmed like the
/// framework. A new page goes here too: the trimmed browser test (TrimmedDashboardTests) walks every page.
/// </summary>
internal static class RoutedPages
{
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Overview))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Images))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ImageDetail))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Keys))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Billing))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(SignIn))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Callback))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(NotFound))]
    public static void Keep()
    {
        // The attributes are the point: calling this makes the trimmer read them.
    }
}
