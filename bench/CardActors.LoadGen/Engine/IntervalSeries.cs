using CardActors.LoadGen.Histograms;

namespace CardActors.LoadGen.Engine;

/// <summary>
/// Per-interval counters and latency histograms over the whole run, warm-up and drain included.
/// Sends are counted in the interval of their intended time, completions in the interval of their
/// completion time, so a stall shows as a gap in completions followed by a burst of slow ones.
/// </summary>
internal sealed class IntervalSeries
{
    // Two digits (under 1 % error) are plenty for a point on a chart and keep a long run's series small.
    private const int SignificantDigits = 2;

    private readonly long _start;
    private readonly long _width;
    private readonly HistogramLayout _layout;
    private readonly LogLinearHistogram?[] _latency;
    private readonly long[] _issued;
    private readonly long[] _errors;

    public IntervalSeries(long start, long width, long end)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _start = start;
        _width = width;
        var slots = checked((int)(((end - start) / width) + 2));
        _layout = new HistogramLayout(SignificantDigits, LoadRunOptions.HighestTrackableLatencyMicroseconds);
        _latency = new LogLinearHistogram?[slots];
        _issued = new long[slots];
        _errors = new long[slots];
    }

    public int SlotCount => _issued.Length;

    public long Width => _width;

    /// <summary>The slot of <paramref name="timestamp"/>; times past the end fall into the last slot.</summary>
    public int SlotOf(long timestamp) =>
        timestamp <= _start ? 0 : (int)Math.Min((timestamp - _start) / _width, _issued.Length - 1);

    public long SlotStart(int slot) => _start + (slot * _width);

    /// <summary>Counts a send; called from the scheduler thread only.</summary>
    public void RecordIssue(long intendedTimestamp)
    {
        ref var count = ref _issued[SlotOf(intendedTimestamp)];
        Volatile.Write(ref count, count + 1);
    }

    public void RecordCompletion(long completedTimestamp, long latencyMicroseconds, bool isError)
    {
        var slot = SlotOf(completedTimestamp);
        HistogramOf(slot).Record(latencyMicroseconds);
        if (isError)
        {
            Interlocked.Increment(ref _errors[slot]);
        }
    }

    public long Issued(int slot) => Volatile.Read(ref _issued[slot]);

    public long Errors(int slot) => Volatile.Read(ref _errors[slot]);

    /// <summary>The slot's latencies, or null when nothing completed in it.</summary>
    public LogLinearHistogram? Latency(int slot) => Volatile.Read(ref _latency[slot]);

    private LogLinearHistogram HistogramOf(int slot)
    {
        var histogram = Volatile.Read(ref _latency[slot]);
        if (histogram is not null)
        {
            return histogram;
        }

        // Slots are created on first use, by whichever completion thread gets there first.
        var created = new LogLinearHistogram(_layout);
        return Interlocked.CompareExchange(ref _latency[slot], created, null) ?? created;
    }
}
