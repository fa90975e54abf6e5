using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// The journal partitions of a node: one group-commit writer each, shards spread over them by
/// number. Every write of a shard goes through the same writer, in order, so a shard's journal order
/// is the order its writer committed (pipelines rely on it).
/// </summary>
public sealed class JournalWriterGroup : IDisposable
{
    private readonly JournalWriter[] _writers;

    public JournalWriterGroup(IReadOnlyList<IJournal> partitions, JournalWriterSettings settings, TimeProvider time, ILogger log)
    {
        ArgumentOutOfRangeException.ThrowIfZero(partitions.Count);
        _writers = partitions.Select(journal => new JournalWriter(journal, settings, time, log)).ToArray();
    }

    public JournalWriterGroup(IJournal journal, JournalWriterSettings settings, TimeProvider time, ILogger log)
        : this([journal], settings, time, log)
    {
    }

    public int Count => _writers.Length;

    public JournalWriter For(int journalShardId) => _writers[(int)((uint)journalShardId % (uint)_writers.Length)];

    /// <summary>Writes waiting for a batch, over all partitions.</summary>
    public int QueuedCount => _writers.Sum(w => w.QueuedCount);

    /// <summary>Waits until every partition has written what was queued (bounded by <paramref name="limit"/>).</summary>
    public Task DrainAsync(TimeSpan limit) => Task.WhenAll(_writers.Select(w => w.DrainAsync(limit)));

    public void Dispose()
    {
        foreach (var writer in _writers)
        {
            writer.Dispose();
        }
    }
}
