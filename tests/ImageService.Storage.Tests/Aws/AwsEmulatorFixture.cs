namespace ImageService.Storage.Tests.Aws;

/// <summary>The AWS endpoints shared by one test collection, so the emulators start once.</summary>
public sealed class AwsEmulatorFixture : IAsyncLifetime
{
    private AwsBackend? _backend;

    public AwsBackend Backend => _backend ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync() => _backend = await AwsBackend.StartAsync();

    public async Task DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }
}
