using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace CardActors.Node.Metrics;

/// <summary>One exported series: an instrument with one set of label values, aggregated in memory.</summary>
internal sealed class MetricSeries(Instrument instrument, string labels)
{
    private readonly bool _isHistogram = PrometheusExporter.KindOf(instrument) == "histogram";
    private readonly bool _sumsDeltas = !instrument.IsObservable;
    private readonly long[] _buckets = new long[PrometheusExporter.Buckets.Length + 1];
    private readonly Lock _gate = new();

    private double _sum;
    private long _count;
    private double _last;

    public Instrument Instrument { get; } = instrument;

    /// <summary>The label pairs in exposition form (`a="1",b="2"`), sorted by name; empty for none.</summary>
    public string Labels { get; } = labels;

    public void Record(double value)
    {
        lock (_gate)
        {
            _count++;
            _sum += value;
            _last = value;
            if (_isHistogram)
            {
                var index = Array.BinarySearch(PrometheusExporter.Buckets, value);
                _buckets[index >= 0 ? index : ~index]++;
            }
        }
    }

    public void Write(StringBuilder text, string name)
    {
        var labels = Labels;
        var bounds = PrometheusExporter.Buckets;
        lock (_gate)
        {
            if (_isHistogram)
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
