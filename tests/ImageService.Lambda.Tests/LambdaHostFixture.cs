namespace ImageService.Lambda.Tests;

/// <summary>One fake Runtime API and one Lambda-mode app shared by a test class (starting them costs time).</summary>
public sealed class LambdaHostFixture : IAsyncLifetime
{
    public FakeRuntimeApi Runtime { get; private set; } = null!;

    public LambdaModeApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Runtime = await FakeRuntimeApi.StartAsync();
        App = await LambdaModeApp.StartAsync(Runtime);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
