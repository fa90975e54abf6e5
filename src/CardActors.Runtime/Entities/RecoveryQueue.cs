using System.Collections.Concurrent;
using System.Diagnostics;
using CardActors.Runtime.Persistence;

namespace CardActors.Runtime.Entities;

/// <summary>
/// Recovers an entity type's entities in batches, the way the journal writer stores their events:
/// at most <c>concurrency</c> reads in flight, each taking every entity that queued while the
/// reads before it ran (up to <c>batchSize</c>). A lone entity is read at once, by itself; a node
/// that restarts under load, with every entity cold, reads hundreds per round trip instead of
/// paying a snapshot query and an event query for each.
/// </summary>
internal sealed class RecoveryQueue(IPersistenceStore store, int concurrency, int batchSize)
{
    private readonly ConcurrentQueue<IRecoveringEntity> _waiting = new();
    private int _readers;

    /// <summary>Entities waiting for a read (tests and diagnostics).</summary>
    internal int Waiting => _waiting.Count;

    public void Enqueue(IRecoveringEntity entity)
    {
        _waiting.Enqueue(entity);
        TryStartReader();
    }

    private void TryStartReader()
    {
        while (true)
        {
            var readers = Volatile.Read(ref _readers);
            if (readers >= concurrency)
            {
                return; // a reader that finds the queue empty checks again after it leaves
            }

            if (Interlocked.CompareExchange(ref _readers, readers + 1, readers) == readers)
            {
                _ = ReadAsync();
                return;
            }
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            // Whatever ended the reader, its slot is given back. An entity queued between the last
            // dequeue and the decrement saw every reader busy, so the queue is looked at again.
            Interlocked.Decrement(ref _readers);
            if (!_waiting.IsEmpty)
            {
                TryStartReader();
            }
        }
    }

    /// <summary>Reads batches until the queue is empty.</summary>
    private async Task DrainAsync()
    {
        var batch = new List<IRecoveringEntity>(Math.Min(batchSize, 16));
        while (true)
        {
            batch.Clear();
            while (batch.Count < batchSize && _waiting.TryDequeue(out var waiting))
            {
                batch.Add(waiting);
            }

            if (batch.Count == 0)
            {
                return;
            }

            Exception? failure = null;
            var started = Stopwatch.GetTimestamp();
            try
            {
                await store.RecoverAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            RuntimeMetrics.RecoveryReadSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            RuntimeMetrics.RecoveryReads.Record(batch.Count);
            foreach (var entity in batch)
            {
                entity.OnRecoveryRead(failure);
            }
        }
    }
}
