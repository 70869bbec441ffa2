using ImageService.Core.Accounts;
using ImageService.Core.Imaging;
using ImageService.Core.Variants;

namespace ImageService.Core.Tests.Variants;

public sealed class DeliveryTransformsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Account Owner = Account.New("owner-1", "pro", Now);

    private readonly InMemoryVariants _variants = new(new Variant { OwnerId = "owner-1", Name = "card", Transform = "f=webp&h=320&w=320", CreatedAt = Now, UpdatedAt = Now });

    private Task<DeliveryTransform> ResolveAsync(Account account, params (string Key, string? Value)[] query) =>
        new DeliveryTransforms(_variants).ResolveAsync(account, query.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList());

    [Fact]
    public async Task A_variant_resolves_to_its_stored_transform()
    {
        var result = await ResolveAsync(Owner, ("variant", "card"));

        Assert.Equal(DeliveryTransformStatus.Resolved, result.Status);
        Assert.Equal(new TransformSpec { Width = 320, Height = 320, Format = OutputFormat.Webp }, result.Spec);
        Assert.Equal("card", result.Variant?.Name);
    }

    [Fact]
    public async Task Parameters_mixed_into_a_variant_are_each_reported()
    {
        var result = await ResolveAsync(Owner, ("variant", "card"), ("w", "10"), ("q", "5"), ("w", "11"));

        Assert.Equal(DeliveryTransformStatus.Invalid, result.Status);
        Assert.Equal(["q", "w"], result.Errors.Keys.Order());
    }

    [Theory]
    [InlineData("Card")]
    [InlineData("")]
    [InlineData("a_b")]
    public async Task A_malformed_variant_name_is_invalid_not_unknown(string name)
    {
        var result = await ResolveAsync(Owner, ("variant", name));

        Assert.Equal(DeliveryTransformStatus.Invalid, result.Status);
        Assert.Equal(["variant"], result.Errors.Keys);
    }

    [Fact]
    public async Task An_unknown_or_another_owners_variant_is_not_found()
    {
        var other = Account.New("owner-2", "pro", Now);

        Assert.Equal(DeliveryTransformStatus.VariantNotFound, (await ResolveAsync(Owner, ("variant", "hero"))).Status);
        Assert.Equal(DeliveryTransformStatus.VariantNotFound, (await ResolveAsync(other, ("variant", "card"))).Status);
    }

    [Fact]
    public async Task Without_arbitrary_transforms_only_a_variant_resolves()
    {
        var variantsOnly = Owner with { AllowArbitraryTransforms = false };

        Assert.Equal(DeliveryTransformStatus.VariantRequired, (await ResolveAsync(variantsOnly, ("w", "100"))).Status);
        Assert.Equal(DeliveryTransformStatus.VariantRequired, (await ResolveAsync(variantsOnly)).Status);
        Assert.Equal(DeliveryTransformStatus.Resolved, (await ResolveAsync(variantsOnly, ("variant", "card"))).Status);
    }

    [Fact]
    public async Task Without_a_variant_the_urls_own_parameters_are_parsed()
    {
        var ok = await ResolveAsync(Owner, ("w", "100"), ("f", "png"));
        var bad = await ResolveAsync(Owner, ("w", "0"));

        Assert.Equal(new TransformSpec { Width = 100, Format = OutputFormat.Png }, ok.Spec);
        Assert.Null(ok.Variant);
        Assert.Equal(DeliveryTransformStatus.Invalid, bad.Status);
        Assert.Equal(["w"], bad.Errors.Keys);
    }

    private sealed class InMemoryVariants(params Variant[] variants) : IVariantStore
    {
        public Task<IReadOnlyList<Variant>> ListAsync(string ownerId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Variant>>(variants.Where(v => v.OwnerId == ownerId).ToList());

        public Task<Variant?> GetAsync(string ownerId, string name, CancellationToken cancellationToken = default) =>
            Task.FromResult(variants.FirstOrDefault(v => v.OwnerId == ownerId && v.Name == name));

        public Task<VariantPutResult> PutAsync(Variant variant, int maxVariants, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Variant?> DeleteAsync(string ownerId, string name, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
