using ImageService.Api.Hosting;
using Microsoft.Extensions.Configuration;

namespace ImageService.Api.Tests.Hosting;

public sealed class StorageBackendOptionsTests
{
    private static StorageBackendOptions Read(string? value) =>
        StorageBackendOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Backend"] = value }).Build());

    [Theory]
    [InlineData(null, StorageBackend.Local)]
    [InlineData("", StorageBackend.Local)]
    [InlineData("Local", StorageBackend.Local)]
    [InlineData("local", StorageBackend.Local)]
    [InlineData("Aws", StorageBackend.Aws)]
    [InlineData("AWS", StorageBackend.Aws)]
    public void The_backend_is_named_case_insensitively_and_defaults_to_the_embedded_one(string? value, StorageBackend expected) =>
        Assert.Equal(expected, Read(value).Backend);

    [Theory]
    [InlineData("S3")]
    [InlineData("1")]
    [InlineData("Aws,Local")]
    public void Any_other_value_stops_the_start_naming_the_key(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(value));

        Assert.Contains("Storage:Backend", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }
}
