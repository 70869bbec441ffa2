using ImageService.Api.Auth;
using ImageService.Api.Delivery;
using ImageService.Api.Hosting;
using ImageService.Api.Hosting.Configuration;
using ImageService.Api.Usage;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Delivery;
using ImageService.Core.Images;
using ImageService.Core.Usage;
using ImageService.Core.Variants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Accounts;

/// <summary>Services of the account, usage and delivery endpoints (issue 6). The account, usage and rate-limit stores
/// are registered with the storage backend (<c>StorageBackends</c>), and so are the large-result links and the usage
/// write policy.</summary>
public static class AccountServices
{
    public static IServiceCollection AddAccountsAndDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddPlanCatalog();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidatedAtStart<DeliveryOptions, DeliveryOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PlanCatalogOptions>>().Value.ToCatalog());
        DecorateAccountStore(services);
        services.AddSingleton<DeliveryRateLimiter>();
        // The gate reads usage through the recorder, which adds this process's not yet written requests.
        services.AddSingleton(sp => new DeliveryGate(sp.GetRequiredService<IAccountStore>(), sp.GetRequiredService<UsageRecorder>(),
            sp.GetRequiredService<DeliveryRateLimiter>(), sp.GetRequiredService<PlanCatalog>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<BillingPolicy>()));
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<OwnerAccounts>();
        services.AddSingleton<DerivedResults>();
        DecorateVariantStore(services);
        // Eager renditions and jobs render through this; usage goes through the recorder, so quota checks see it at once.
        services.AddSingleton<IVariantRenderer>(sp => new VariantRenderer(sp.GetRequiredService<IVariantStore>(), sp.GetRequiredService<IAccountStore>(),
            sp.GetRequiredService<IImageMetadataStore>(), sp.GetRequiredService<DerivedResults>(), sp.GetRequiredService<UsageRecorder>(),
            sp.GetRequiredService<PlanCatalog>(), sp.GetRequiredService<TimeProvider>()));
        // The backend says whether usage deltas are summed in memory and written every 50 ms (reads then add what is not
        // written yet) or written one by one.
        services.AddSingleton(sp => new UsageRecorder(new DeferredUsageStore(sp.GetRequiredService<IUsageStore>),
            coalesce: sp.GetRequiredService<UsageWritePolicy>().Coalesce,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<UsageRecorder>>()));
        services.AddHostedService(sp => sp.GetRequiredService<UsageRecorder>());
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<PublicKeyRouteConstraint>(PublicKeyRouteConstraint.Name));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AccountJsonContext.Default));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, Billing.BillingJsonContext.Default));

        services.AddAuthenticationSchemes().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        // X-API-Key without an Authorization header: the bearer scheme (the default) hands the request to the key
        // handler, so the default authorization policy accepts either credential and bearer callers see no change.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.ForwardDefaultSelector = context =>
            context.User.Identity?.IsAuthenticated != true
            && context.Request.Headers.ContainsKey(ApiKeyDefaults.HeaderName)
            && !context.Request.Headers.ContainsKey("Authorization")
                ? ApiKeyDefaults.Scheme
                : null);
        return services;
    }

    /// <summary>Every reader and writer of accounts gets the backend's store behind <see cref="CachingAccountStore"/>, so
    /// the delivery route's per-request account and key reads come from memory and this process's writes invalidate them.</summary>
    private static void DecorateAccountStore(IServiceCollection services)
    {
        var backend = services.LastOrDefault(d => d.ServiceType == typeof(IAccountStore) && !d.IsKeyedService);
        if (backend is null || backend.Lifetime != ServiceLifetime.Singleton)
        {
            return;
        }
        services.Remove(backend);
        services.AddSingleton<IAccountStore>(sp => new CachingAccountStore(Resolve<IAccountStore>(sp, backend), sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>The backend's variant store behind <see cref="CachingVariantStore"/>: delivery reads a variant per
    /// <c>?variant=</c> request, and this process's changes invalidate at once.</summary>
    private static void DecorateVariantStore(IServiceCollection services)
    {
        var backend = services.LastOrDefault(d => d.ServiceType == typeof(IVariantStore) && !d.IsKeyedService);
        if (backend is null || backend.Lifetime != ServiceLifetime.Singleton)
        {
            return;
        }
        services.Remove(backend);
        services.AddSingleton<IVariantStore>(sp => new CachingVariantStore(Resolve<IVariantStore>(sp, backend), sp.GetRequiredService<TimeProvider>()));
    }

    private static T Resolve<T>(IServiceProvider services, ServiceDescriptor descriptor)
        where T : class =>
        descriptor.ImplementationInstance as T
        ?? (descriptor.ImplementationFactory is { } factory
            ? (T)factory(services)
            : (T)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
