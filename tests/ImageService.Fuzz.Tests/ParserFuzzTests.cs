using System.Text.RegularExpressions;
using ImageService.Core.Accounts;
using ImageService.Core.Delivery;
using ImageService.Core.Imaging;
using Xunit.Abstractions;

namespace ImageService.Fuzz.Tests;

/// <summary>
/// The parsers that read what clients send: transform parameters, the signed-URL canonicaliser, allowed origins and
/// custom domains. None may throw on any input; each keeps the properties its callers rely on, checked without the
/// code under test computing the expectation.
/// </summary>
[Collection(FuzzTargets.Name)]
public sealed partial class ParserFuzzTests(ITestOutputHelper output)
{
    private static readonly FuzzBudget Budget = FuzzBudget.FromEnvironment(defaultSeconds: 4);

    [Fact]
    public void Transform_parameters_never_throw_and_equal_parameters_in_any_order_give_one_canonical_key()
    {
        var keys = TransformSpec.Keys.Concat(["sig", "exp", "W", "width", "", " w", "w ", "f\0"]).ToArray();
        var runs = Budget.Run("transform", (random, iteration) =>
        {
            var parameters = Enumerable.Range(0, random.Next(8))
                .Select(_ => new KeyValuePair<string, string?>(random.Next(5) == 0 ? Alphabet.Value(random) : keys[random.Next(keys.Length)],
                    random.Next(15) == 0 ? null : Alphabet.Value(random)))
                .ToList();

            if (!TransformSpec.TryParse(parameters, out var spec, out var errors, SignedUrls.ReservedParameters))
            {
                Assert.NotEmpty(errors);
                Assert.All(errors.Keys, key => Assert.Contains(key, parameters.Select(p => p.Key)));
                return;
            }
            var canonical = spec.ToCanonicalQuery();
            var reversed = parameters.AsEnumerable().Reverse().ToList();
            Assert.True(TransformSpec.TryParse(reversed, out var again, out _, SignedUrls.ReservedParameters));
            Assert.Equal(canonical, again.ToCanonicalQuery());
            // The canonical form is itself a valid request for the same transform.
            Assert.True(TransformSpec.TryParse(SignedUrls.ParseQuery(canonical).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), out var reparsed, out var reErrors),
                $"canonical '{canonical}' does not parse: {string.Join("; ", reErrors.Select(e => e.Key + ": " + string.Join(",", e.Value)))}");
            Assert.Equal(canonical, reparsed.ToCanonicalQuery());
            Assert.Matches("^[0-9a-f]{32}\\.webp$", spec.CanonicalKey("webp"));
        });
        output.WriteLine($"transform: {runs} inputs");
    }

    [Fact]
    public void The_signed_url_canonical_string_is_plain_ascii_order_independent_and_signatures_verify_only_unaltered()
    {
        var key = new ApiKey { Id = "key_fuzz", AccountId = "fuzz", Prefix = "sk_fuzz", SecretHash = ApiKeys.HashSecret("sk_" + new string('f', 64)), CreatedAt = DateTimeOffset.UnixEpoch };
        var now = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
        var runs = Budget.Run("signed-url", (random, iteration) =>
        {
            var path = "/" + string.Join('/', Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Alphabet.Value(random)));
            var rawQuery = string.Join('&', Enumerable.Range(0, random.Next(7)).Select(_ => random.Next(6) == 0
                ? Alphabet.Value(random)
                : $"{Alphabet.Value(random)}={Alphabet.Value(random)}"));

            var parameters = SignedUrls.ParseQuery(random.Next(2) == 0 ? rawQuery : "?" + rawQuery);
            var canonical = SignedUrls.CanonicalString(path, parameters);
            Assert.Matches(CanonicalShape(), canonical);
            var shuffled = parameters.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(canonical, SignedUrls.CanonicalString(path, shuffled));

            var unsigned = parameters.Where(p => p.Key is not "sig" and not "exp").ToList();
            var sig = SignedUrls.ComputeSignature(ApiKeys.SigningKey(key), path, unsigned);
            List<KeyValuePair<string, string>> signedParameters = [.. unsigned, new("sig", sig)];
            Assert.Equal(SignatureStatus.Valid, SignedUrls.Verify(path, signedParameters, [key], required: true, now).Status);
            var tamperedPath = path + "x";
            Assert.Equal(SignatureStatus.Invalid, SignedUrls.Verify(tamperedPath, signedParameters, [key], required: true, now).Status);
            List<KeyValuePair<string, string>> garbage = [.. unsigned, new("sig", Alphabet.Value(random))];
            Assert.NotEqual(SignatureStatus.Valid, SignedUrls.Verify(path, garbage, [key], required: false, now).Status);
        });
        output.WriteLine($"signed-url: {runs} inputs");
    }

    [Fact]
    public void Allowed_origins_and_custom_domains_never_throw_and_an_exact_host_admits_only_itself()
    {
        var runs = Budget.Run("origins", (random, iteration) =>
        {
            var entries = Enumerable.Range(0, random.Next(6)).Select(_ => random.Next(3) == 0 ? Host(random) : Alphabet.Value(random)).ToList<string?>();
            var validation = AllowedOrigins.Validate(entries);
            Assert.All(validation.Errors, e => Assert.InRange(e.Index, 0, Math.Max(0, entries.Count - 1)));
            var origin = random.Next(3) switch { 0 => $"https://{Host(random)}", 1 => Alphabet.Value(random), _ => $"http://{Host(random)}:{random.Next(70000)}" };
            var referer = random.Next(2) == 0 ? null : Alphabet.Value(random);
            try
            {
                AllowedOrigins.Check(validation.Normalized.Count > 0 ? validation.Normalized : ["shop.example.com"], random.Next(2) == 0, origin, referer);
            }
            catch
            {
                Findings.Keep("origins", iteration, System.Text.Encoding.UTF8.GetBytes(origin + "\n" + referer));
                throw;
            }

            // Oracle for exact hosts: shop.example.com (no port) admits https://{host}[:port] iff host is that name.
            var host = random.Next(3) == 0 ? "SHOP.example.com" : CleanHost(random);
            var decision = AllowedOrigins.Check(["shop.example.com"], strict: true, $"https://{host}", referer: null);
            Assert.Equal(string.Equals(host, "shop.example.com", StringComparison.OrdinalIgnoreCase), decision.Allowed);

            var domains = CustomDomains.Validate(entries);
            Assert.All(domains.Normalized, d => Assert.Equal(d.ToLowerInvariant(), d));
            var requestHost = CustomDomains.FromRequestHost(random.Next(2) == 0 ? Alphabet.Value(random) : $"{Host(random)}:{random.Next(99999)}, proxy");
            if (requestHost is not null)
            {
                Assert.Equal(requestHost.ToLowerInvariant(), requestHost);
                Assert.DoesNotContain(',', requestHost);
            }
        });
        output.WriteLine($"origins: {runs} inputs");
    }

    [Fact]
    public void Every_kept_origin_header_is_decided_without_throwing()
    {
        foreach (var file in Findings.Corpus("origins"))
        {
            var lines = File.ReadAllText(file).Split('\n');
            var decision = AllowedOrigins.Check(["shop.example.com", "*.example.net"], strict: true, lines[0], lines.Length > 1 && lines[1].Length > 0 ? lines[1] : null);
            Assert.False(decision.Allowed, Path.GetFileName(file));
        }
    }

    private static string Host(Random random) => string.Join('.', Enumerable.Range(0, 1 + random.Next(4)).Select(_ => random.Next(6) switch
    {
        0 => "xn--" + Alphabet.Chars(random, 3),
        1 => Alphabet.Value(random),
        2 => "shop",
        3 => "example",
        4 => "com",
        _ => new string((char)('a' + random.Next(26)), 1 + random.Next(8)),
    }));

    /// <summary>Letters, digits and hyphens in one to four labels: hosts whose URL form is unambiguous.</summary>
    private static string CleanHost(Random random) => string.Join('.', Enumerable.Range(0, 1 + random.Next(4)).Select(_ => random.Next(4) switch
    {
        0 => "shop",
        1 => "example",
        2 => "com",
        _ => new string((char)('a' + random.Next(26)), 1 + random.Next(8)) + (random.Next(4) == 0 ? "-x" : ""),
    }));

    // RFC 3986 unreserved characters and %XX escapes, '/' between segments, one '?', '&' and '=' in the query.
    [GeneratedRegex(@"^(/([A-Za-z0-9\-._~]|%[0-9A-F]{2})*)+\?(([A-Za-z0-9\-._~]|%[0-9A-F]{2})*=([A-Za-z0-9\-._~]|%[0-9A-F]{2})*(&([A-Za-z0-9\-._~]|%[0-9A-F]{2})*=([A-Za-z0-9\-._~]|%[0-9A-F]{2})*)*)?$")]
    private static partial Regex CanonicalShape();
}
