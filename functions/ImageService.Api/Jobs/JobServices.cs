using ImageService.Api.Hosting;
using ImageService.Api.Hosting.Configuration;
using ImageService.Api.Workflows;
using ImageService.Core.Jobs;
using ImageService.Core.Workflows;
using ImageService.Lambda;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Jobs;

/// <summary>Services of jobs and workflows. The job store and queue come with the storage backend; the embedded worker
/// runs in a process serving the worker group (every process by default), never in a Lambda function (the worker
/// function gets SQS events instead).</summary>
public static class JobServices
{
    public static IServiceCollection AddJobsAndWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidatedAtStart<JobsOptions, JobsOptionsValidator>(StorageBackends.JobGroups);
        services.AddOptions<WorkflowsOptions>().BindConfiguration(WorkflowsOptions.SectionName).ValidatedAtStart<WorkflowsOptions, WorkflowsOptionsValidator>(ApiRouteGroups.Jobs | ApiRouteGroups.Worker);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, JobsJsonContext.Default));

        services.AddSingleton<JobPlanner>();
        services.AddSingleton<JobStarter>();
        services.AddSingleton<JobDispatcher>();
        services.AddSingleton<JobOutboxSweeper>();
        services.AddSingleton<JobCallbacks>();
        services.AddSingleton<EagerRenditions>();
        services.AddSingleton<IJobKindHandler, RenderVariantsJobHandler>();
        services.AddSingleton<IJobKindHandler, WorkflowJobHandler>();

        services.AddSingleton(sp => Catalog(sp.GetRequiredService<IOptions<WorkflowsOptions>>().Value));
        services.AddSingleton<WorkflowApiKey>();
        services.AddSingleton<IWorkflowProvider, HttpWorkflowProvider>();
        // Polly's per-attempt timeout governs provider calls; the client's own limit stays out of its way.
        services.AddHttpClient(HttpWorkflowProvider.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(JobCallbacks.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<JobsOptions>>().Value.CallbackTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<IOptions<JobsOptions>>().Value.CallbackAllowPrivateNetworks;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    ConnectCallback = (context, cancellationToken) => CallbackAddresses.ConnectAsync(context, allowPrivate, cancellationToken),
                };
            });

        // The worker route group is the worker: every group in one process by default, never in a Lambda function.
        if (!LambdaEnvironment.FromConfiguration(configuration).IsLambda && HostingOptions.RouteGroupsIn(configuration).HasFlag(ApiRouteGroups.Worker))
        {
            services.AddHostedService<EmbeddedJobWorker>();
        }
        return services;
    }

    private static WorkflowCatalog Catalog(WorkflowsOptions options) =>
        new(options.IsConfigured
            ? [.. options.Definitions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new WorkflowDefinition(d.Key, d.Value.Description,
                [.. d.Value.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new WorkflowParameter
                {
                    Name = p.Key,
                    Type = p.Value.Type,
                    Description = p.Value.Description,
                    Required = p.Value.Required,
                    Minimum = p.Value.Minimum,
                    Maximum = p.Value.Maximum,
                    Enum = p.Value.Enum,
                })]))]
            : []);
}
