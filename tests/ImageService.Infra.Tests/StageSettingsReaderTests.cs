using ImageService.Infra.Configuration;
using ImageService.Infra.Tests.Support;

namespace ImageService.Infra.Tests;

public sealed class StageSettingsReaderTests
{
    private const string Minimal = """{ "memorySizeMb": 1024, "logRetentionDays": 7, "retainData": false }""";

    private static StageSettings Parse(string stage, string settings) => StageSettingsReader.Parse(stage, $$"""{ "{{stage}}": {{settings}} }""");

    [Theory]
    [InlineData("dev", false)]
    [InlineData("staging", false)]
    [InlineData("prod", true)]
    public void Shipped_stages_are_valid_and_only_prod_retains_data(string stage, bool retains)
    {
        var settings = RepositoryFiles.ShippedStage(stage);

        Assert.Equal(stage, settings.Name);
        Assert.Equal(retains, settings.RetainData);
        Assert.False(settings.UsesExistingIssuer);
    }

    [Fact]
    public void Optional_settings_default_to_a_small_cognito_backed_stage()
    {
        var settings = Parse("qa", Minimal);

        Assert.Equal("100", settings.PriceClass);
        Assert.Equal(["*"], settings.CorsAllowedOrigins);
        Assert.False(settings.BucketVersioning);
        Assert.Null(settings.CdnDomainName);
        Assert.False(settings.UsesExistingIssuer);
    }

    [Fact]
    public void Unknown_stage_names_the_known_ones()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StageSettingsReader.Parse("qa", RepositoryFiles.ShippedStagesJson()));

        Assert.Contains("Unknown stage 'qa'", error.Message, StringComparison.Ordinal);
        Assert.Contains("dev, staging, prod", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "memorySizeMb": 64, "logRetentionDays": 7, "retainData": false }""", "memorySizeMb")]
    [InlineData("""{ "memorySizeMb": 1024, "logRetentionDays": 8, "retainData": false }""", "logRetentionDays")]
    [InlineData("""{ "memorySizeMb": 1024, "logRetentionDays": 7 }""", "retainData")]
    [InlineData("""{ "memorySizeMb": 1024, "logRetentionDays": 7, "retainData": false, "priceClass": "50" }""", "priceClass")]
    [InlineData("""{ "memorySizeMb": 1024, "logRetentionDays": 7, "retainData": false, "cdnDomainName": "img.example.com" }""", "cdnCertificateArn")]
    [InlineData("""{ "memorySizeMb": 1024, "logRetentionDays": 7, "retainData": false, "jwtIssuer": "https://id.example.com" }""", "jwtAudience")]
    [InlineData("""{ "memorySizeMb": 1024, "logRetentionDays": 7, "retainData": false, "jwtIssuer": "http://id.example.com", "jwtAudience": ["a"] }""", "https")]
    [InlineData("""{ "memorySizeMb": 1024, "logRetentionDays": 7, "retainData": false, "memory": 1 }""", "memory")]
    public void Invalid_settings_fail_the_synth_naming_the_setting(string settings, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Parse("qa", settings));

        Assert.Contains("Stage 'qa' settings are invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_names_must_be_usable_in_a_stack_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Parse("Prod_1", Minimal));

        Assert.Contains("stage name", error.Message, StringComparison.Ordinal);
    }
}
