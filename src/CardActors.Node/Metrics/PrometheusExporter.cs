using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace CardActors.Node.Metrics;

/// <summary>
/// Serves the node's System.Diagnostics.Metrics instruments (the kernel's, the node's and the .NET
/// runtime's) in the Prometheus text format at /metrics: counters as *_total, histograms with
/// cumulative buckets, gauges as read at scrape time. Instruments are aggregated in memory; a scrape
/// only reads them.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    internal static readonly double[] Buckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 100, 1_000, 10_000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<SeriesKey, MetricSeries> _series = new();
    private readonly Lock _scrape = new();

    public PrometheusExporter(params string[] meterPrefixes)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                listener.EnableMeasurementEvents(instrument, new InstrumentSeries(instrument, SeriesFor));
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, v, tags, state) => ((InstrumentSeries)state!).Find(tags).Record(v));
        _listener.SetMeasurementEventCallback<int>(static (_, v, tags, state) => ((InstrumentSeries)state!).Find(tags).Record(v));
        _listener.SetMeasurementEventCallback<double>(static (_, v, tags, state) => ((InstrumentSeries)state!).Find(tags).Record(v));
        _listener.Start();
    }

    private MetricSeries SeriesFor(Instrument instrument, string labels) =>
        _series.GetOrAdd(new SeriesKey(instrument, labels), static k => new MetricSeries(k.Instrument, k.Labels));

    /// <summary>Writes every series in the text exposition format (version 0.0.4).</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var group in _series.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key.Meter.Name).ThenBy(g => g.Key.Name))
            {
                var instrument = group.Key;
                var name = NameOf(instrument);
                var kind = KindOf(instrument);
                text.Append("# HELP ").Append(name).Append(' ').Append(Escape(instrument.Description ?? instrument.Name)).Append('\n');
                text.Append("# TYPE ").Append(name).Append(' ').Append(kind).Append('\n');
                foreach (var (key, series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
                {
                    series.Write(text, name);
                }
            }

            return text.ToString();
        }
    }

    internal static string KindOf(Instrument instrument) => instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => "counter",
        Histogram<long> or Histogram<int> or Histogram<double> => "histogram",
        _ => "gauge",
    };

    private static string NameOf(Instrument instrument)
    {
        var name = new StringBuilder();
        foreach (var c in instrument.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        if (instrument.Unit is "s" && !instrument.Name.EndsWith("seconds", StringComparison.Ordinal))
        {
            name.Append("_seconds");
        }
        else if (instrument.Unit is "By")
        {
            name.Append("_bytes");
        }

        if (KindOf(instrument) == "counter")
        {
            name.Append("_total");
        }

        return name.ToString();
    }

    /// <summary>A tag set in exposition form, names made safe and sorted; made once per new combination.</summary>
    internal static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var label = new string(key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            pairs.Add(label + "=\"" + Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "") + "\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public void Dispose() => _listener.Dispose();

    private readonly record struct SeriesKey(Instrument Instrument, string Labels);
}
