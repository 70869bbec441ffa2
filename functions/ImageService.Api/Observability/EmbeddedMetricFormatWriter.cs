using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImageService.Api.Observability;

/// <summary>
/// The <see cref="ServiceMetrics"/> instruments in Lambda, as CloudWatch Embedded Metric Format: CloudWatch Logs turns
/// each line into metrics, with no agent and no PutMetricData call. Measurements are gathered by a
/// <see cref="MeterListener"/> and written by <see cref="Flush"/> (after each invocation, and at shutdown) as one JSON
/// document per label set: <c>{"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":…,"Dimensions":[[labels]],
/// "Metrics":[{"Name":…,"Unit":…}]}]}, "label": "value", "metric": value}</c>. Counters are summed over the flush,
/// histograms keep every value (at most 100 per document, the format's limit; more become further documents), gauges
/// their last observation. Labels become dimensions: they are closed sets (see <see cref="ServiceMetrics"/>).
/// </summary>
public sealed class EmbeddedMetricFormatWriter : IDisposable
{
    /// <summary>The format's limit on values of one metric in one document.</summary>
    public const int MaxValuesPerMetric = 100;

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly TextWriter _output;
    private readonly string _namespace;
    private readonly TimeProvider _time;
    // Label set (sorted "k=v" pairs) -> its labels and the metrics recorded with them.
    private Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <param name="meters">Only meters this factory created are read (another host in the same process has its own).</param>
    public EmbeddedMetricFormatWriter(IMeterFactory meters, string metricsNamespace, TextWriter output, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricsNamespace);
        (_namespace, _output, _time) = (metricsNamespace, output ?? throw new ArgumentNullException(nameof(output)), time);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServiceMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Writes what was measured since the last flush (nothing when nothing was) and starts over.</summary>
    public void Flush()
    {
        _listener.RecordObservableInstruments();
        Dictionary<string, Series> series;
        lock (_gate)
        {
            if (_series.Count == 0)
            {
                return;
            }
            (series, _series) = (_series, new Dictionary<string, Series>(StringComparer.Ordinal));
        }
        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var lines = new StringBuilder();
        foreach (var (_, one) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var pages = Math.Max(1, one.Metrics.Values.Max(m => (m.Values.Count + MaxValuesPerMetric - 1) / MaxValuesPerMetric));
            for (var page = 0; page < pages; page++)
            {
                lines.Append(Document(one, page, timestamp)).Append('\n');
            }
        }
        lock (_output)
        {
            _output.Write(lines.ToString());
            _output.Flush();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            labels[key] = Convert.ToString(tagValue, CultureInfo.InvariantCulture) ?? "";
        }
        var key2 = string.Join('\u001f', labels.Select(l => $"{l.Key}={l.Value}"));
        lock (_gate)
        {
            if (!_series.TryGetValue(key2, out var series))
            {
                _series[key2] = series = new Series(labels);
            }
            if (!series.Metrics.TryGetValue(instrument.Name, out var metric))
            {
                series.Metrics[instrument.Name] = metric = new Metric(Kind(instrument), Unit(instrument.Unit));
            }
            switch (metric.Kind)
            {
                case MetricKind.Sum when metric.Values.Count == 0:
                    metric.Values.Add(value);
                    break;
                case MetricKind.Sum:
                    metric.Values[0] += value;
                    break;
                case MetricKind.Last:
                    metric.Values.Clear();
                    metric.Values.Add(value);
                    break;
                default:
                    metric.Values.Add(value);
                    break;
            }
        }
    }

    private string Document(Series series, int page, long timestamp)
    {
        var metrics = series.Metrics
            .Where(m => page == 0 ? m.Value.Values.Count > 0 : m.Value.Values.Count > page * MaxValuesPerMetric)
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToList();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp);
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", _namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var label in series.Labels.Keys)
            {
                json.WriteStringValue(label);
            }
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, metric) in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", metric.Unit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (label, value) in series.Labels)
            {
                json.WriteString(label, value);
            }
            foreach (var (name, metric) in metrics)
            {
                var values = metric.Values.Skip(page * MaxValuesPerMetric).Take(MaxValuesPerMetric).ToList();
                if (metric.Kind == MetricKind.Distribution)
                {
                    json.WriteStartArray(name);
                    foreach (var value in values)
                    {
                        json.WriteNumberValue(value);
                    }
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNumber(name, values[0]);
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static MetricKind Kind(Instrument instrument) => instrument switch
    {
        Histogram<double> or Histogram<long> or Histogram<int> => MetricKind.Distribution,
        ObservableGauge<double> or ObservableGauge<long> or ObservableGauge<int> or Gauge<double> or Gauge<long> => MetricKind.Last,
        _ => MetricKind.Sum,
    };

    /// <summary>UCUM-style units of the instruments as CloudWatch's unit names.</summary>
    internal static string Unit(string? unit) => unit switch
    {
        "s" => "Seconds",
        "ms" => "Milliseconds",
        "By" => "Bytes",
        null or "" => "None",
        _ when unit.StartsWith('{') => "Count",
        _ => "None",
    };

    private enum MetricKind
    {
        Sum,
        Distribution,
        Last,
    }

    private sealed record Series(SortedDictionary<string, string> Labels)
    {
        public Dictionary<string, Metric> Metrics { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Metric(MetricKind Kind, string Unit)
    {
        public List<double> Values { get; } = [];
    }
}
