namespace CardActors.LoadGen.Reports;

/// <summary>Maps a value range linearly onto a pixel range.</summary>
internal readonly record struct LinearScale(double Minimum, double Maximum, double From, double To)
{
    public double Map(double value) => From + ((value - Minimum) / (Maximum - Minimum) * (To - From));

    /// <summary>About <paramref name="count"/> round tick values (steps of 1, 2 or 5 × 10^k).</summary>
    public IEnumerable<double> Ticks(int count)
    {
        var raw = (Maximum - Minimum) / Math.Max(1, count);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch
        {
            <= 1 => magnitude,
            <= 2 => 2 * magnitude,
            <= 5 => 5 * magnitude,
            _ => 10 * magnitude,
        };
        for (var tick = Math.Ceiling(Minimum / step) * step; tick <= Maximum + (step * 1e-9); tick += step)
        {
            yield return tick;
        }
    }
}

/// <summary>
/// Maps latencies (microseconds) onto pixels on a log10 scale spanning whole decades, so that
/// 100 µs and a 1 s stall fit on one chart and stay readable.
/// </summary>
internal readonly record struct LatencyScale(double LowestDecade, double HighestDecade, double From, double To)
{
    public static LatencyScale Spanning(long smallest, long largest, double from, double to)
    {
        var low = Math.Floor(Math.Log10(Math.Max(1, smallest)));
        var high = Math.Ceiling(Math.Log10(Math.Max(10, largest)));
        return new LatencyScale(low, Math.Max(high, low + 1), from, to);
    }

    public double Map(double microseconds)
    {
        var exponent = Math.Log10(Math.Max(microseconds, Math.Pow(10, LowestDecade)));
        return From + ((exponent - LowestDecade) / (HighestDecade - LowestDecade) * (To - From));
    }

    public IEnumerable<long> Decades()
    {
        for (var decade = LowestDecade; decade <= HighestDecade; decade++)
        {
            yield return (long)Math.Pow(10, decade);
        }
    }

    /// <summary>A decade's label: 1 µs, 10 µs, …, 1 ms, …, 1 s, 10 s.</summary>
    public static string Label(long microseconds) => microseconds switch
    {
        < 1_000 => $"{microseconds} µs",
        < 1_000_000 => $"{microseconds / 1_000} ms",
        _ => $"{microseconds / 1_000_000} s",
    };
}
