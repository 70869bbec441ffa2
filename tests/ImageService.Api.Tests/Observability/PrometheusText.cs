using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageService.Api.Tests.Observability;

/// <summary>Samples of a Prometheus text exposition (format 0.0.4: <c>name{label="value",…} value [timestamp]</c>, with
/// <c>#</c> comment lines), read independently of the exporter that wrote them.</summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    /// <summary>GET /metrics from a loopback caller (no metrics key needed), straight through the test server.</summary>
    public static async Task<PrometheusText> ScrapeAsync(Microsoft.AspNetCore.TestHost.TestServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        });
        Assert.Equal(200, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body, System.Text.Encoding.UTF8);
        return new PrometheusText(await reader.ReadToEndAsync());
    }

    public PrometheusText(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }
            var match = Sample().Match(line);
            Assert.True(match.Success, $"Not a sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["name"].Value] = label.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            _samples.Add((match.Groups["name"].Value, labels, value));
        }
    }

    public string Text { get; }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include <paramref name="labels"/>
    /// ("k=v" pairs), or 0 when there is none (a series not yet created).</summary>
    public double Value(string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).ToList();
        var matching = _samples.Where(s => s.Name == name && wanted.All(w => s.Labels.TryGetValue(w[0], out var v) && v == w[1])).ToList();
        Assert.True(matching.Count <= 1, $"{matching.Count} samples of {name} {string.Join(",", labels)}");
        return matching.Count == 0 ? 0 : matching[0].Value;
    }

    public bool Has(string name) => _samples.Any(s => s.Name == name);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+-?\d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex Label();
}
