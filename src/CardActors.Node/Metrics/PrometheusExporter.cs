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
    private static readonly double[] Buckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 100, 1_000, 10_000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<SeriesKey, Series> _series = new();
    private readonly Lock _scrape = new();

    public PrometheusExporter(params string[] meterPrefixes)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new SeriesKey(instrument, Labels(tags));
        var series = _series.GetOrAdd(key, static k => new Series(k.Instrument));
        series.Record(value);
    }

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
                    series.Write(text, name, kind, key.Labels, Buckets);
                }
            }

            return text.ToString();
        }
    }

    private static string KindOf(Instrument instrument) => instrument switch
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

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
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

    private sealed class Series(Instrument instrument)
    {
        private readonly bool _isHistogram = KindOf(instrument) == "histogram";
        private readonly bool _sumsDeltas = !instrument.IsObservable;
        private readonly long[] _buckets = new long[Buckets.Length + 1];
        private readonly Lock _gate = new();
        private double _sum;
        private long _count;
        private double _last;

        public void Record(double value)
        {
            lock (_gate)
            {
                _count++;
                _sum += value;
                _last = value;
                if (_isHistogram)
                {
                    var index = Array.BinarySearch(Buckets, value);
                    _buckets[index >= 0 ? index : ~index]++;
                }
            }
        }

        public void Write(StringBuilder text, string name, string kind, string labels, double[] bounds)
        {
            lock (_gate)
            {
                if (kind == "histogram")
                {
                    long cumulative = 0;
                    for (var i = 0; i < bounds.Length; i++)
                    {
                        cumulative += _buckets[i];
                        Line(text, name + "_bucket", Join(labels, "le=\"" + bounds[i].ToString("G", CultureInfo.InvariantCulture) + "\""), cumulative);
                    }

                    Line(text, name + "_bucket", Join(labels, "le=\"+Inf\""), _count);
                    Line(text, name + "_sum", labels, _sum);
                    Line(text, name + "_count", labels, _count);
                }
                else
                {
                    // Counters and up-down counters report increments (sum them); observable instruments report the current value.
                    Line(text, name, labels, _sumsDeltas ? _sum : _last);
                }
            }
        }

        private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

        private static void Line(StringBuilder text, string name, string labels, double value)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(value.ToString("G17", CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
