using Amazon.DynamoDBv2;
using ImageService.Core.Accounts;
using ImageService.Core.CdnLogs;
using ImageService.Core.Billing;
using ImageService.Core.Storage;
using ImageService.Core.Usage;
using ImageService.Core.Variants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageService.Storage.Aws.Accounts;

public static class AwsAccountsServiceCollectionExtensions
{
    /// <summary>Registers the DynamoDB account, usage, CDN-log ledger, rate-limit, variant, pending-purge and billing stores (table from <c>Storage:Aws:Accounts</c>) as
    /// singletons. Needs an <see cref="IAmazonDynamoDB"/> registered (the AWS backend's registration provides it).</summary>
    public static IServiceCollection AddAwsAccountStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DynamoDbAccountsOptions>().BindConfiguration(DynamoDbAccountsOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DynamoDbAccountsOptions>>().Value);
        services.AddSingleton<IAccountStore>(sp => new DynamoDbAccountStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<DynamoDbAccountsOptions>()));
        services.AddSingleton<IUsageStore>(sp => new DynamoDbUsageStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<DynamoDbAccountsOptions>()));
        services.AddSingleton<IRateLimitStore>(sp => new DynamoDbRateLimitStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<DynamoDbAccountsOptions>()));
        services.AddSingleton<IPendingPurgeStore>(sp => new DynamoDbPendingPurgeStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<DynamoDbAccountsOptions>()));
        services.AddSingleton<IVariantStore>(sp => new DynamoDbVariantStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<DynamoDbAccountsOptions>()));
        services.AddSingleton<ICdnLogLedger>(sp => new DynamoDbCdnLogLedger(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<DynamoDbAccountsOptions>(),
            sp.GetService<TimeProvider>()));
        services.AddSingleton<IBillingStore>(sp => new DynamoDbBillingStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<DynamoDbAccountsOptions>()));
        return services;
    }
}
