using CardActors.LoadGen.Histograms;

namespace CardActors.LoadGen.Engine;

/// <summary>The usual percentiles of a latency histogram, in microseconds.</summary>
public sealed record LatencySummary(long Count, double Mean, long Minimum, long P50, long P90, long P99, long P999, long P9999, long Maximum)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary Of(LogLinearHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.Count == 0
            ? Empty
            : new LatencySummary(
                histogram.Count,
                histogram.Mean,
                histogram.Minimum,
                histogram.ValueAtQuantile(0.50),
                histogram.ValueAtQuantile(0.90),
                histogram.ValueAtQuantile(0.99),
                histogram.ValueAtQuantile(0.999),
                histogram.ValueAtQuantile(0.9999),
                histogram.Maximum);
    }
}
