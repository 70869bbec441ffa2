using ImageService.Core.Accounts;
using ImageService.Core.Delivery;

namespace ImageService.Core.Tests.Delivery;

public sealed class SignedUrlsTests
{
    // The README's worked example; the expected value was computed independently with
    // printf '%s' "$CANONICAL" | openssl dgst -sha256 -hmac "$SECRET"
    private const string Secret = "sk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01";
    private const string Path = "/pk_Q7mZ2xK9vB4nR8tL1cW6yH3e/img_01JD5XK8F2";
    private const string Query = "w=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto&exp=1893456000";
    private const string Canonical = "/pk_Q7mZ2xK9vB4nR8tL1cW6yH3e/img_01JD5XK8F2?exp=1893456000&f=auto&fit=cover&gravity=fp%3A0.3%3A0.7&h=300&w=400";
    private const string ExpectedSignature = "db72ef01bd053869a1786caa4349e1ae0d973b14048877ec4660f6cc6176a02f";

    private static readonly DateTimeOffset BeforeExpiry = new(2029, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ApiKey Key = KeyFor(Secret, "key_example");

    [Fact]
    public void Canonical_string_of_the_worked_example_sorts_and_percent_encodes_the_parameters()
    {
        Assert.Equal(Canonical, SignedUrls.CanonicalString(Path, SignedUrls.ParseQuery(Query)));
    }

    [Fact]
    public void Worked_example_signed_with_the_secret_matches_the_openssl_vector()
    {
        var signature = SignedUrls.ComputeSignature(System.Text.Encoding.UTF8.GetBytes(Secret), Path, SignedUrls.ParseQuery(Query));

        Assert.Equal(ExpectedSignature, signature);
    }

    [Fact]
    public void Stored_hash_signs_exactly_like_the_secret_it_replaces()
    {
        Assert.Equal(ExpectedSignature, SignedUrls.ComputeSignature(ApiKeys.SigningKey(Key), Path, SignedUrls.ParseQuery(Query)));
        Assert.Equal(ExpectedSignature, SignedUrls.ComputeSignature(ApiKeys.SigningKey(Secret), Path, SignedUrls.ParseQuery(Query)));
    }

    [Fact]
    public void Worked_example_verifies_with_its_key()
    {
        var check = Verify(Query + "&sig=" + ExpectedSignature, [Key], BeforeExpiry);

        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Same(Key, check.Key);
        Assert.True(check.Accepted);
    }

    [Fact]
    public void Parameter_order_and_sig_position_do_not_change_the_signature()
    {
        var reordered = "sig=" + ExpectedSignature.ToUpperInvariant() + "&exp=1893456000&f=auto&w=400&gravity=fp%3A0.3%3A0.7&fit=cover&h=300";

        Assert.Equal(SignatureStatus.Valid, Verify(reordered, [Key], BeforeExpiry).Status);
    }

    [Theory]
    [InlineData("w=401&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto&exp=1893456000")]
    [InlineData("w=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=webp&exp=1893456000")]
    [InlineData("w=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto&exp=1893456001")]
    [InlineData("w=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto")]
    [InlineData("w=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto&exp=1893456000&blur=5")]
    [InlineData("W=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto&exp=1893456000")]
    [InlineData("w=400&w=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto&exp=1893456000")]
    public void Any_change_to_the_parameters_makes_the_signature_invalid(string tamperedQuery)
    {
        Assert.Equal(SignatureStatus.Invalid, Verify(tamperedQuery + "&sig=" + ExpectedSignature, [Key], BeforeExpiry).Status);
    }

    [Theory]
    [InlineData("/pk_Q7mZ2xK9vB4nR8tL1cW6yH3e/img_01JD5XK8F3")]
    [InlineData("/pk_Q7mZ2xK9vB4nR8tL1cW6yH3f/img_01JD5XK8F2")]
    [InlineData("/pk_Q7mZ2xK9vB4nR8tL1cW6yH3e/img_01JD5XK8F2/")]
    public void Another_path_makes_the_signature_invalid(string tamperedPath)
    {
        var check = SignedUrls.Verify(tamperedPath, SignedUrls.ParseQuery(Query + "&sig=" + ExpectedSignature), [Key], required: true, BeforeExpiry);

        Assert.Equal(SignatureStatus.Invalid, check.Status);
        Assert.False(check.Accepted);
    }

    [Theory]
    [InlineData("db72ef01bd053869a1786caa4349e1ae0d973b14048877ec4660f6cc6176a02e")]
    [InlineData("db72ef01bd053869a1786caa4349e1ae0d973b14048877ec4660f6cc6176a0")]
    [InlineData("zz72ef01bd053869a1786caa4349e1ae0d973b14048877ec4660f6cc6176a02f")]
    [InlineData("")]
    [InlineData("db72ef01bd053869a1786caa4349e1ae0d973b14048877ec4660f6cc6176a02f&sig=db72ef01bd053869a1786caa4349e1ae0d973b14048877ec4660f6cc6176a02f")]
    public void A_wrong_malformed_or_repeated_sig_is_invalid(string sig)
    {
        Assert.Equal(SignatureStatus.Invalid, Verify(Query + "&sig=" + sig, [Key], BeforeExpiry).Status);
    }

    [Fact]
    public void Another_accounts_key_does_not_verify()
    {
        var other = ApiKeys.Create("someone-else", null, BeforeExpiry).Key;

        Assert.Equal(SignatureStatus.Invalid, Verify(Query + "&sig=" + ExpectedSignature, [other], BeforeExpiry).Status);
    }

    [Fact]
    public void A_revoked_key_does_not_verify_even_if_passed_in()
    {
        var revoked = Key with { RevokedAt = BeforeExpiry };

        Assert.Equal(SignatureStatus.Invalid, Verify(Query + "&sig=" + ExpectedSignature, [revoked], BeforeExpiry).Status);
    }

    [Fact]
    public void Any_of_several_active_keys_verifies()
    {
        var newer = ApiKeys.Create("acct", null, BeforeExpiry).Key;

        var check = Verify(Query + "&sig=" + ExpectedSignature, [newer, Key], BeforeExpiry);

        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Same(Key, check.Key);
    }

    [Fact]
    public void The_url_works_through_its_expiry_second_and_is_expired_one_second_later()
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds(1893456000);
        var signed = Query + "&sig=" + ExpectedSignature;

        Assert.Equal(SignatureStatus.Valid, Verify(signed, [Key], expiry.AddMilliseconds(999)).Status);
        var late = Verify(signed, [Key], expiry.AddSeconds(1));
        Assert.Equal(SignatureStatus.Expired, late.Status);
        Assert.False(late.Accepted);
    }

    [Fact]
    public void An_expired_url_with_a_wrong_signature_is_invalid_not_expired()
    {
        var after = DateTimeOffset.FromUnixTimeSeconds(1893456100);

        Assert.Equal(SignatureStatus.Invalid, Verify(Query + "&sig=" + new string('0', 64), [Key], after).Status);
    }

    [Fact]
    public void A_signed_non_numeric_exp_is_invalid()
    {
        var query = "w=400&exp=soon";
        var sig = SignedUrls.ComputeSignature(ApiKeys.SigningKey(Key), Path, SignedUrls.ParseQuery(query));

        Assert.Equal(SignatureStatus.Invalid, Verify(query + "&sig=" + sig, [Key], BeforeExpiry).Status);
    }

    [Fact]
    public void A_missing_sig_is_missing_when_required_and_fine_otherwise()
    {
        Assert.Equal(SignatureStatus.Missing, SignedUrls.Verify(Path, SignedUrls.ParseQuery(Query), [Key], required: true, BeforeExpiry).Status);
        Assert.False(SignedUrls.Verify(Path, SignedUrls.ParseQuery(Query), [Key], required: true, BeforeExpiry).Accepted);
        Assert.Equal(SignatureStatus.NotPresent, SignedUrls.Verify(Path, SignedUrls.ParseQuery(Query), [Key], required: false, BeforeExpiry).Status);
    }

    [Fact]
    public void A_present_sig_is_checked_even_when_signing_is_optional()
    {
        var check = SignedUrls.Verify(Path, SignedUrls.ParseQuery(Query + "&sig=" + new string('a', 64)), [Key], required: false, BeforeExpiry);

        Assert.Equal(SignatureStatus.Invalid, check.Status);
    }

    [Fact]
    public void Created_signed_query_is_in_canonical_order_with_sig_last_and_verifies()
    {
        var query = SignedUrls.CreateSignedQuery(Path, SignedUrls.ParseQuery("w=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto"), Key,
            DateTimeOffset.FromUnixTimeSeconds(1893456000));

        Assert.Equal("exp=1893456000&f=auto&fit=cover&gravity=fp%3A0.3%3A0.7&h=300&w=400&sig=" + ExpectedSignature, query);
        Assert.Equal(SignatureStatus.Valid, Verify(query, [Key], BeforeExpiry).Status);
    }

    [Fact]
    public void A_created_url_is_the_worked_example_and_verifies_after_a_round_trip()
    {
        var url = SignedUrls.CreateUrl("https://cdn.example.com/", "pk_Q7mZ2xK9vB4nR8tL1cW6yH3e", "img_01JD5XK8F2",
            SignedUrls.ParseQuery("w=400&h=300&fit=cover&gravity=fp:0.3:0.7&f=auto"), Key, DateTimeOffset.FromUnixTimeSeconds(1893456000));

        Assert.Equal("https://cdn.example.com" + Path + "?exp=1893456000&f=auto&fit=cover&gravity=fp%3A0.3%3A0.7&h=300&w=400&sig=" + ExpectedSignature, url);
        var uri = new Uri(url);
        Assert.Equal(SignatureStatus.Valid,
            SignedUrls.Verify(Uri.UnescapeDataString(uri.AbsolutePath), SignedUrls.ParseQuery(uri.Query), [Key], true, BeforeExpiry).Status);
    }

    [Fact]
    public void A_created_url_for_a_stored_path_encodes_each_segment_and_verifies_with_the_decoded_path()
    {
        var url = SignedUrls.CreateUrl("https://cdn.example.com", "pk_a", "/summer/sale café.jpg", [new("w", "100")], Key);
        var uri = new Uri(url);

        Assert.StartsWith("https://cdn.example.com/pk_a/summer/sale%20caf%C3%A9.jpg?w=100&sig=", url, StringComparison.Ordinal);
        Assert.Equal(SignatureStatus.Valid,
            SignedUrls.Verify(Uri.UnescapeDataString(uri.AbsolutePath), SignedUrls.ParseQuery(uri.Query), [Key], true, BeforeExpiry).Status);
    }

    [Fact]
    public void Query_parsing_keeps_names_without_values_and_skips_empty_pieces()
    {
        Assert.Equal([new("flip", ""), new("w", "1"), new("a b", "c+d")], SignedUrls.ParseQuery("?flip&&w=1&a+b=c%2Bd&"));
    }

    [Fact]
    public void Signing_a_url_without_parameters_signs_the_path_and_a_bare_question_mark()
    {
        var query = SignedUrls.CreateSignedQuery(Path, [], Key);

        Assert.Equal("sig=" + SignedUrls.ComputeSignature(ApiKeys.SigningKey(Key), Path, []), query);
        Assert.Equal(Path + "?", SignedUrls.CanonicalString(Path, []));
        Assert.Equal(SignatureStatus.Valid, Verify(query, [Key], BeforeExpiry).Status);
    }

    [Fact]
    public void Creating_a_signed_query_refuses_sig_or_exp_among_the_transform_parameters()
    {
        Assert.Throws<ArgumentException>(() => SignedUrls.CreateSignedQuery(Path, [new("exp", "1")], Key));
        Assert.Throws<ArgumentException>(() => SignedUrls.CreateSignedQuery(Path, [new("sig", "1")], Key));
    }

    [Fact]
    public void Encoded_and_unencoded_spellings_of_the_same_values_sign_alike()
    {
        var plain = SignedUrls.CanonicalString("/pk_a/summer sale.jpg", SignedUrls.ParseQuery("bg=ff0000&text=a b"));
        var encoded = SignedUrls.CanonicalString("/pk_a/summer sale.jpg", SignedUrls.ParseQuery("text=a+b&bg=ff%30000"));

        Assert.Equal("/pk_a/summer%20sale.jpg?bg=ff0000&text=a%20b", plain);
        Assert.Equal(plain, encoded);
    }

    [Fact]
    public void Non_ascii_values_are_encoded_as_utf8_bytes()
    {
        Assert.Equal("/pk_a/caf%C3%A9?t=%E2%82%AC~", SignedUrls.CanonicalString("/pk_a/café", [new("t", "€~")]));
    }

    private static SignatureCheck Verify(string query, IReadOnlyList<ApiKey> keys, DateTimeOffset now) =>
        SignedUrls.Verify(Path, SignedUrls.ParseQuery(query), keys, required: true, now);

    private static ApiKey KeyFor(string secret, string id) => new()
    {
        Id = id,
        AccountId = "acct",
        Prefix = secret[..ApiKeys.DisplayPrefixLength],
        SecretHash = ApiKeys.HashSecret(secret),
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
