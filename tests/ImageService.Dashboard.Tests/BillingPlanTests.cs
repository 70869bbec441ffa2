using System.Text.Json;
using ImageService.Dashboard.Services;

namespace ImageService.Dashboard.Tests;

public sealed class BillingPlanTests
{
    [Theory]
    [InlineData("""[{"id":"pro","displayName":"Pro","purchasable":true}]""")]
    [InlineData("""{"plans":[{"id":"pro","displayName":"Pro","purchasable":true}]}""")]
    [InlineData("""{"items":[{"id":"pro","name":"Pro","canPurchase":true}]}""")]
    public void Plans_are_read_from_an_array_or_a_wrapping_object(string json)
    {
        using var document = JsonDocument.Parse(json);

        var plan = Assert.Single(BillingPlan.ListFrom(document.RootElement));

        Assert.Equal(("pro", "Pro", true), (plan.Id, plan.DisplayName, plan.Purchasable));
    }

    [Theory]
    [InlineData("monthlyBandwidthBytes", "Monthly bandwidth bytes")]
    [InlineData("avif", "Avif")]
    [InlineData("requestsPerSecond", "Requests per second")]
    public void Labels_are_sentences_of_the_json_names(string name, string label) => Assert.Equal(label, BillingPlan.Label(name));
}
