using ImageService.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Local.Jobs;

public static class LocalJobsServiceCollectionExtensions
{
    /// <summary>Registers the embedded job store and durable queue (<c>&lt;DataDirectory&gt;/jobs.db</c>), sharing one
    /// database object (one write gate). Needs <see cref="LocalStorageOptions"/> and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddLocalJobs(this IServiceCollection services)
    {
        services.AddSingleton(sp => new JobsDatabase(sp.GetRequiredService<LocalStorageOptions>()));
        services.AddSingleton<IJobStore>(sp => new SqliteJobStore(sp.GetRequiredService<JobsDatabase>()));
        services.AddSingleton(sp => new SqliteJobQueue(sp.GetRequiredService<JobsDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IJobQueue>(sp => sp.GetRequiredService<SqliteJobQueue>());
        // One machine: the serving process is the worker too.
        services.AddSingleton(new JobWorkerPolicy(InProcess: true));
        return services;
    }
}
