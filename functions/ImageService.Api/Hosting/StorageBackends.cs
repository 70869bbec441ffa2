using ImageService.Api.OpenApi;
using ImageService.Api.Hosting.Configuration;
using ImageService.Api.Observability;
using ImageService.Api.Problems;
using ImageService.Storage.Aws;
using ImageService.Storage.Local;
using ImageService.Storage.Local.Jobs;

namespace ImageService.Api.Hosting;

/// <summary>The only place that names a backend: registers the one chosen by <see cref="StorageBackendOptions"/>
/// through that backend's one registration extension, and maps the endpoints the backend brings. Every backend
/// registers the same Core ports (images, blobs, uploads, large-result links, CDN, accounts, usage, rate limits, the
/// usage write policy); nothing else in the API asks which one runs.</summary>
public static class StorageBackends
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = StorageBackendOptions.From(configuration);
        services.AddSingleton(options);
        return options.Backend switch
        {
            StorageBackend.Aws => services.AddAwsBackend(configuration)
                .AddValidator<AwsStorageOptions, AwsStorageOptionsValidator>().AddStartupCheck<AwsStorageOptions>()
                .AddValidator<Storage.Aws.Accounts.DynamoDbAccountsOptions, DynamoDbAccountsOptionsValidator>().AddStartupCheck<Storage.Aws.Accounts.DynamoDbAccountsOptions>()
                .AddValidator<Storage.Aws.Jobs.AwsJobsOptions, AwsJobsOptionsValidator>().AddStartupCheck<Storage.Aws.Jobs.AwsJobsOptions>(JobGroups),
            _ => services.AddLocalBackend(configuration).AddValidator<LocalStorageOptions, LocalStorageOptionsValidator>().AddStartupCheck<LocalStorageOptions>()
                // On AWS, SQS's own CloudWatch metrics are the queue's gauges; here the SQLite queue reports its own.
                // Every process builds the metrics at start; the queue's database opens when a gauge is first read.
                .AddSingleton<IJobQueueMetrics>(sp => new SqliteJobQueueMetrics(new Lazy<SqliteJobQueue>(sp.GetRequiredService<SqliteJobQueue>))),
        };
    }

    /// <summary>The groups that start or run jobs: uploads (eager renditions), the jobs API and the worker.</summary>
    internal const ApiRouteGroups JobGroups = ApiRouteGroups.Upload | ApiRouteGroups.Jobs | ApiRouteGroups.Worker;

    /// <summary>The embedded backend stands in for S3's upload and download URLs with endpoints of its own; the AWS
    /// backend has none (S3 serves both).</summary>
    public static IEndpointRouteBuilder MapStorageEndpoints(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (routes.ServiceProvider.GetRequiredService<StorageBackendOptions>().Backend == StorageBackend.Local)
        {
            var mapped = routes.MapLocalStorageEndpoints(uploads: groups.HasFlag(ApiRouteGroups.Upload), largeResults: groups.HasFlag(ApiRouteGroups.Transform));
            mapped.Upload?.ProducesProblems(ProblemTypes.Forbidden, ProblemTypes.NotFound, ProblemTypes.TooLarge, ProblemTypes.Internal, ProblemTypes.StorageUnavailable);
            mapped.LargeResult?.ProducesImage()
                .ProducesProblems(ProblemTypes.NotFound, ProblemTypes.Internal, ProblemTypes.StorageUnavailable);
        }
        return routes;
    }
}
