namespace CardActors.LoadGen.Histograms;

/// <summary>
/// A log-linear histogram of non-negative integer values (the engine records microseconds) with a
/// fixed relative precision. Recording is lock-free and may happen on many threads at once; the
/// count, sum, minimum and maximum are exact, percentiles are exact to the bucket.
/// </summary>
/// <remarks>
/// Recording is a handful of interlocked additions on shared counters rather than per-thread copies
/// merged later: the completion threads of a transport are few, and shared counters let the live
/// view and the interval series read a histogram while it fills. Reads during recording see a
/// slightly stale but never torn picture; once recording has stopped they are exact.
/// </remarks>
public sealed class LogLinearHistogram
{
    private readonly long[] _counts;
    private long _totalCount;
    private long _sum;
    private long _minimum = long.MaxValue;
    private long _maximum = long.MinValue;
    private long _clampedCount;

    public LogLinearHistogram(int significantDigits, long highestTrackableValue)
        : this(new HistogramLayout(significantDigits, highestTrackableValue))
    {
    }

    public LogLinearHistogram(HistogramLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _counts = new long[layout.BucketCount];
    }

    public HistogramLayout Layout { get; }

    public long Count => Volatile.Read(ref _totalCount);

    /// <summary>The exact sum of the recorded values (before clamping).</summary>
    public long Sum => Volatile.Read(ref _sum);

    /// <summary>The exact smallest value recorded; 0 when empty.</summary>
    public long Minimum => Count == 0 ? 0 : Volatile.Read(ref _minimum);

    /// <summary>The exact largest value recorded (before clamping); 0 when empty.</summary>
    public long Maximum => Count == 0 ? 0 : Volatile.Read(ref _maximum);

    public double Mean => Count == 0 ? 0 : Sum / (double)Count;

    /// <summary>Values above <see cref="HistogramLayout.HighestTrackableValue"/>, counted in the last bucket.</summary>
    public long ClampedCount => Volatile.Read(ref _clampedCount);

    public void Record(long value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Histogram values cannot be negative.");
        }

        var bucketValue = value;
        if (value > Layout.HighestTrackableValue)
        {
            bucketValue = Layout.HighestTrackableValue;
            Interlocked.Increment(ref _clampedCount);
        }

        Interlocked.Increment(ref _counts[Layout.IndexOf(bucketValue)]);
        Interlocked.Add(ref _sum, value);
        UpdateMinimum(value);
        UpdateMaximum(value);
        Interlocked.Increment(ref _totalCount);
    }

    /// <summary>
    /// The value at <paramref name="quantile"/> (0..1): the highest value of the bucket holding the
    /// recorded value of rank max(1, ⌈q·count⌉) in ascending order, capped at the exact maximum.
    /// Reporting the top of the bucket errs on the side of the slower value.
    /// </summary>
    public long ValueAtQuantile(double quantile)
    {
        if (!(quantile >= 0 && quantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile lies between 0 and 1.");
        }

        // Walk a total taken from the buckets themselves, so a read during recording stays consistent.
        long total = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            total += Volatile.Read(ref _counts[i]);
        }

        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        rank = Math.Min(rank, total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(Layout.HighestEquivalent(i), Math.Max(Maximum, Layout.LowestEquivalent(i)));
            }
        }

        return Maximum;
    }

    public long ValueAtPercentile(double percentile) => ValueAtQuantile(percentile / 100.0);

    /// <summary>The non-empty buckets in ascending order.</summary>
    public IReadOnlyList<HistogramBucket> Buckets()
    {
        var buckets = new List<HistogramBucket>();
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Volatile.Read(ref _counts[i]);
            if (count > 0)
            {
                buckets.Add(new HistogramBucket(Layout.LowestEquivalent(i), Layout.HighestEquivalent(i), count));
            }
        }

        return buckets;
    }

    /// <summary>Adds every value of <paramref name="other"/>, which must have the same layout.</summary>
    public void Add(LogLinearHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Layout.SignificantDigits != Layout.SignificantDigits || other.Layout.BucketCount != Layout.BucketCount)
        {
            throw new ArgumentException("Only histograms of the same layout can be added.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Volatile.Read(ref other._counts[i]);
            if (count != 0)
            {
                Interlocked.Add(ref _counts[i], count);
            }
        }

        Interlocked.Add(ref _sum, other.Sum);
        Interlocked.Add(ref _clampedCount, other.ClampedCount);
        UpdateMinimum(other.Minimum);
        UpdateMaximum(other.Maximum);
        Interlocked.Add(ref _totalCount, other.Count);
    }

    public LogLinearHistogram Copy()
    {
        var copy = new LogLinearHistogram(Layout);
        copy.Add(this);
        return copy;
    }

    private void UpdateMinimum(long value)
    {
        var current = Volatile.Read(ref _minimum);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _minimum, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMaximum(long value)
    {
        var current = Volatile.Read(ref _maximum);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _maximum, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
