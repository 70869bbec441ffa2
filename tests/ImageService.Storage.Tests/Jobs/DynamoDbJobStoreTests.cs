using ImageService.Core.Jobs;
using ImageService.Storage.Aws.Jobs;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Jobs;

/// <summary>The job store contract on DynamoDB (dynalite, or AWS_ENDPOINT_URL), in a jobs table of this run's own.</summary>
[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbJobStoreTests(AwsEmulatorFixture fixture) : JobStoreContract, IAsyncLifetime
{
    private readonly AwsJobsOptions _options = new() { TableName = fixture.Backend.Options.TableName + "-jobs" };

    protected override IJobStore Store => new DynamoDbJobStore(fixture.Backend.DynamoDb, _options);

    public Task InitializeAsync() => new DynamoDbJobsProvisioner(fixture.Backend.DynamoDb, _options).EnsureTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
