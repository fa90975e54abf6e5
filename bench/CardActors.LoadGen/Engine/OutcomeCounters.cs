using CardActors.LoadGen.Transport;

namespace CardActors.LoadGen.Engine;

/// <summary>Lock-free counts per outcome in a flat array indexed by <see cref="LoadOutcome.CounterIndex"/>.</summary>
internal sealed class OutcomeCounters
{
    private readonly long[] _counts = new long[LoadOutcome.CounterSlots];

    public void Increment(LoadOutcome outcome) => Interlocked.Increment(ref _counts[outcome.CounterIndex]);

    /// <summary>The outcomes seen, most frequent first (ties by code).</summary>
    public IReadOnlyList<OutcomeCount> Read()
    {
        var result = new List<OutcomeCount>();
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Volatile.Read(ref _counts[i]);
            if (count > 0)
            {
                result.Add(new OutcomeCount(LoadOutcome.FromCounterIndex(i), count));
            }
        }

        result.Sort(static (a, b) => a.Count != b.Count
            ? b.Count.CompareTo(a.Count)
            : a.Outcome.CounterIndex.CompareTo(b.Outcome.CounterIndex));
        return result;
    }
}
