using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Postgres;

/// <summary>
/// The part of a batch that goes into one transaction, as the senders see it: the items to store
/// (in batch order) and the shard position of each item's first event. Reused from batch to batch.
/// </summary>
internal sealed class WriteRound
{
    private readonly List<int> _included = [];
    private long[] _firstShardSequenceNr = new long[64];

    public IReadOnlyList<JournalWrite> Batch { get; private set; } = [];

    /// <summary>Batch positions of the items this transaction stores.</summary>
    public IReadOnlyList<int> Included => _included;

    public int EventCount { get; private set; }

    public int SnapshotCount { get; private set; }

    public int ReminderSetCount { get; private set; }

    public int ReminderClearCount { get; private set; }

    public bool HasSideRows => SnapshotCount + ReminderSetCount + ReminderClearCount > 0;

    public bool IsEmpty => EventCount == 0 && !HasSideRows;

    public long FirstShardSequenceNr(int batchIndex) => _firstShardSequenceNr[batchIndex];

    public void Begin(IReadOnlyList<JournalWrite> batch)
    {
        Batch = batch;
        if (_firstShardSequenceNr.Length < batch.Count)
        {
            _firstShardSequenceNr = new long[Math.Max(batch.Count, _firstShardSequenceNr.Length * 2)];
        }

        Clear();
    }

    public void Clear()
    {
        _included.Clear();
        EventCount = 0;
        SnapshotCount = 0;
        ReminderSetCount = 0;
        ReminderClearCount = 0;
    }

    public void Include(int batchIndex, long firstShardSequenceNr)
    {
        var write = Batch[batchIndex];
        _included.Add(batchIndex);
        _firstShardSequenceNr[batchIndex] = firstShardSequenceNr;
        EventCount += write.EventCount;
        SnapshotCount += write.HasSnapshot ? 1 : 0;
        ReminderSetCount += write.Reminder == ReminderChange.Set ? 1 : 0;
        ReminderClearCount += write.Reminder == ReminderChange.Clear ? 1 : 0;
    }
}
