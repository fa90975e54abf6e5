using System.Numerics;

namespace CardActors.LoadGen.Histograms;

/// <summary>
/// The bucket boundaries of a log-linear histogram. Values below 2·10^d (rounded up to a power of
/// two, the "linear" part) have a bucket each; above, every power-of-two range is split into the
/// same number of equal buckets, so a bucket is never wider than 10^-d of its lowest value.
/// </summary>
/// <remarks>
/// With d = 3 significant digits, recording microseconds up to one hour takes about 23,500
/// buckets (190 KB of counters); with d = 2, about 3,300.
/// </remarks>
public sealed class HistogramLayout
{
    private readonly int _linearBits;
    private readonly long _linearCount;
    private readonly long _halfCount;

    public HistogramLayout(int significantDigits, long highestTrackableValue)
    {
        if (significantDigits is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(significantDigits), significantDigits, "Between 1 and 4 significant digits are supported.");
        }

        SignificantDigits = significantDigits;
        var needed = 2 * (long)Math.Pow(10, significantDigits);
        _linearBits = 64 - BitOperations.LeadingZeroCount((ulong)(needed - 1));
        _linearCount = 1L << _linearBits;
        _halfCount = _linearCount / 2;
        if (highestTrackableValue < _linearCount)
        {
            throw new ArgumentOutOfRangeException(nameof(highestTrackableValue), highestTrackableValue, $"The highest trackable value must be at least {_linearCount}.");
        }

        BucketCount = IndexOf(highestTrackableValue) + 1;
        HighestTrackableValue = HighestEquivalent(BucketCount - 1);
    }

    public int SignificantDigits { get; }

    /// <summary>The top of the last bucket: values above it are clamped to it.</summary>
    public long HighestTrackableValue { get; }

    public int BucketCount { get; }

    /// <summary>The bucket that holds <paramref name="value"/> (0 ≤ value ≤ <see cref="HighestTrackableValue"/> when used to record).</summary>
    public int IndexOf(long value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Histogram values cannot be negative.");
        }

        if (value < _linearCount)
        {
            return (int)value;
        }

        var topBit = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = topBit - _linearBits + 1;
        return (int)(_linearCount + ((shift - 1) * _halfCount) + ((value >> shift) - _halfCount));
    }

    /// <summary>The lowest value that falls into bucket <paramref name="index"/>.</summary>
    public long LowestEquivalent(int index)
    {
        if (index < _linearCount)
        {
            return index;
        }

        var beyond = index - _linearCount;
        var shift = (int)(beyond / _halfCount) + 1;
        return (_halfCount + (beyond % _halfCount)) << shift;
    }

    /// <summary>The highest value that falls into bucket <paramref name="index"/>.</summary>
    public long HighestEquivalent(int index) => LowestEquivalent(index) + BucketWidth(index) - 1;

    public long BucketWidth(int index) =>
        index < _linearCount ? 1 : 1L << (int)(((index - _linearCount) / _halfCount) + 1);

    /// <summary>Whether two values are indistinguishable at this layout's precision.</summary>
    public bool AreEquivalent(long a, long b) => IndexOf(a) == IndexOf(b);
}
