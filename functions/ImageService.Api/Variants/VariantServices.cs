using ImageService.Core.Variants;

namespace ImageService.Api.Variants;

/// <summary>Services of the variant endpoints and of <c>?variant=</c> delivery. The variant store is registered with the
/// storage backend and decorated with its cache, and the renderer registered, in <c>AccountServices</c>.</summary>
public static class VariantServices
{
    public static IServiceCollection AddVariants(this IServiceCollection services)
    {
        services.AddSingleton<DeliveryTransforms>();
        services.AddSingleton<VariantPurges>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, VariantJsonContext.Default));
        return services;
    }
}
