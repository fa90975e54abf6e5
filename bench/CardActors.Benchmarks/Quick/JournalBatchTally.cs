using System.Diagnostics.Metrics;
using CardActors.Runtime;

namespace CardActors.Benchmarks.Quick;

/// <summary>
/// Counts the group-commit batches and the writes in them while a run measures, from the kernel's
/// own instruments: how much each batch carried says how well the writers amortize their per-batch work.
/// </summary>
internal sealed class JournalBatchTally : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _batches;
    private long _writes;

    public JournalBatchTally()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument, RuntimeMetrics.JournalBatchSize))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, size, _, _) =>
        {
            if (Volatile.Read(ref Counting))
            {
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _writes, size);
            }
        });
        _listener.Start();
    }

    /// <summary>Only batches recorded while this is set are counted.</summary>
    public bool Counting;

    public long Batches => Interlocked.Read(ref _batches);

    public long Writes => Interlocked.Read(ref _writes);

    public void Dispose() => _listener.Dispose();
}
