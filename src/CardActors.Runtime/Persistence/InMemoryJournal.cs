using System.Buffers.Binary;
using CardActors.Runtime.Dispatch;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// The in-memory store: for tests and for measuring the kernel without I/O. It honours the same
/// contract as the durable stores (conflicts, per-shard order, snapshots, reminders). Events are
/// appended to one arena of large chunks, in arrival order like a real log; each event's header
/// points back to the entity's previous event, so an entity costs two numbers, and a shard's index
/// is a list of plain integers: millions of events put no pressure on the collector, and a write
/// touches little memory besides the arena's tail.
/// </summary>
public sealed class InMemoryJournal : IPersistenceStore
{
    private readonly Lock _gate = new();
    private readonly NativeArena _arena = new();
    private readonly Dictionary<string, EntityLog> _entities = new(StringComparer.Ordinal);
    private readonly List<EntityLog> _entityByIndex = [];
    private readonly Dictionary<int, PositionList> _shards = [];
    private readonly Dictionary<string, SnapshotRecord> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DueReminder> _reminders = new(StringComparer.Ordinal);

    public ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                Prefetch.Object(Prefetch.Ahead(batch, i)?.StoreHandle);
                WriteOne(batch[i]);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void WriteOne(JournalWrite write)
    {
        if (write.EventCount > 0)
        {
            var log = LogOf(write);
            if (write.FromSequenceNr <= log.Count)
            {
                write.Complete(WriteStatus.Conflict);
                return;
            }

            if (write.FromSequenceNr != log.Count + 1)
            {
                write.Complete(WriteStatus.Failed, new InvalidOperationException(
                    $"Sequence gap for {write.PersistenceId}: next is {log.Count + 1}, write starts at {write.FromSequenceNr}."));
                return;
            }

            var shard = ShardOf(write.ShardId);
            for (var e = 0; e < write.EventCount; e++)
            {
                var header = new EventHeader(log.Index, write.FromSequenceNr + e, write.Timestamp.UtcTicks, log.Last);
                log.Last = Append(header, write.PayloadSpan(e));
                log.Count++;
                shard.Add(log.Last);
            }
        }

        if (write.HasSnapshot && (!_snapshots.TryGetValue(write.PersistenceId, out var stored) || stored.SequenceNr <= write.SnapshotSequenceNr))
        {
            _snapshots[write.PersistenceId] = new SnapshotRecord(
                write.PersistenceId, write.SnapshotSequenceNr, write.Timestamp, write.SnapshotSpan.ToArray());
        }

        switch (write.Reminder)
        {
            case ReminderChange.Set:
                _reminders[write.PersistenceId] = new DueReminder(write.PersistenceId, write.ShardId, write.ReminderDueAt);
                break;
            case ReminderChange.Clear:
                _reminders.Remove(write.PersistenceId);
                break;
        }

        write.Complete(WriteStatus.Written);
    }

    private PositionList ShardOf(int shardId)
    {
        if (!_shards.TryGetValue(shardId, out var shard))
        {
            shard = new PositionList();
            _shards.Add(shardId, shard);
        }

        return shard;
    }

    private EntityLog LogOf(JournalWrite write)
    {
        if (write.StoreHandle is EntityLog cached && ReferenceEquals(cached.Journal, this) && cached.PersistenceId == write.PersistenceId)
        {
            return cached;
        }

        var log = LogOf(write.PersistenceId, create: true)!;
        write.StoreHandle = log;
        return log;
    }

    private EntityLog? LogOf(string persistenceId, bool create)
    {
        if (!_entities.TryGetValue(persistenceId, out var log) && create)
        {
            log = new EntityLog(this, persistenceId, _entityByIndex.Count);
            _entities.Add(persistenceId, log);
            _entityByIndex.Add(log);
        }

        return log;
    }

    public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken)
    {
        var highest = fromSequenceNr - 1;
        lock (_gate)
        {
            var log = LogOf(persistenceId, create: false);
            var first = Math.Max(1, fromSequenceNr);
            if (log is null || first > log.Count)
            {
                return ValueTask.FromResult(highest);
            }

            var positions = new long[log.Count - first + 1];
            var position = log.Last;
            for (var i = positions.Length - 1; i >= 0; i--)
            {
                positions[i] = position;
                Read(position, out var header);
                position = header.Previous;
            }

            foreach (var p in positions)
            {
                var payload = Read(p, out var header);
                target.OnReplay(header.SequenceNr, payload);
                highest = header.SequenceNr;
            }
        }

        return ValueTask.FromResult(highest);
    }

    public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(LogOf(persistenceId, create: false)?.Count ?? 0L);
        }
    }

    public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterShardSequenceNr);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var result = new List<ShardEvent>();
        lock (_gate)
        {
            if (_shards.TryGetValue(shardId, out var shard))
            {
                for (var index = afterShardSequenceNr; index < shard.Count && result.Count < maxCount; index++)
                {
                    var payload = Read(shard[index], out var header);
                    result.Add(new ShardEvent(shardId, index + 1, _entityByIndex[header.Entity].PersistenceId,
                        header.SequenceNr, new DateTimeOffset(header.Ticks, TimeSpan.Zero), payload.ToArray()));
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ShardEvent>>(result);
    }

    public ValueTask<SnapshotRecord?> LoadAsync(string persistenceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_snapshots.GetValueOrDefault(persistenceId));
        }
    }

    public ValueTask<IReadOnlyList<DueReminder>> ReadDueAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<DueReminder> due = _reminders.Values
                .Where(r => r.DueAt <= dueBy)
                .OrderBy(r => r.DueAt)
                .ThenBy(r => r.PersistenceId, StringComparer.Ordinal)
                .Take(maxCount)
                .ToList();
            return ValueTask.FromResult(due);
        }
    }

    private long Append(in EventHeader header, ReadOnlySpan<byte> payload)
    {
        var record = _arena.Allocate(EventHeader.Size + payload.Length, out var position);
        header.Write(record, payload.Length);
        payload.CopyTo(record[EventHeader.Size..]);
        return position;
    }

    private ReadOnlySpan<byte> Read(long position, out EventHeader header)
    {
        var record = _arena.From(position);
        header = EventHeader.Read(record, out var length);
        return record.Slice(EventHeader.Size, length);
    }

    /// <summary>Closing a handle keeps the data, as closing a database does: the same instance can be opened again.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class EntityLog(InMemoryJournal journal, string persistenceId, int index)
    {
        public InMemoryJournal Journal { get; } = journal;

        public string PersistenceId { get; } = persistenceId;

        public int Index { get; } = index;

        public long Count { get; set; }

        /// <summary>Arena position of the latest event.</summary>
        public long Last { get; set; } = -1;
    }

    /// <summary>An event's header in the arena. Its shard sequence number is its place in the shard's position list.</summary>
    private readonly record struct EventHeader(int Entity, long SequenceNr, long Ticks, long Previous)
    {
        public const int Size = 4 + 8 + 8 + 8 + 4; // + payload length

        public void Write(Span<byte> span, int payloadLength)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, Entity);
            BinaryPrimitives.WriteInt64LittleEndian(span[4..], SequenceNr);
            BinaryPrimitives.WriteInt64LittleEndian(span[12..], Ticks);
            BinaryPrimitives.WriteInt64LittleEndian(span[20..], Previous);
            BinaryPrimitives.WriteInt32LittleEndian(span[28..], payloadLength);
        }

        public static EventHeader Read(ReadOnlySpan<byte> span, out int payloadLength)
        {
            payloadLength = BinaryPrimitives.ReadInt32LittleEndian(span[28..]);
            return new EventHeader(
                BinaryPrimitives.ReadInt32LittleEndian(span),
                BinaryPrimitives.ReadInt64LittleEndian(span[4..]),
                BinaryPrimitives.ReadInt64LittleEndian(span[12..]),
                BinaryPrimitives.ReadInt64LittleEndian(span[20..]));
        }
    }

    /// <summary>
    /// A growable list of arena positions in pages that are never copied: plain longs, nothing for
    /// the collector to trace, and a long list does not churn ever larger arrays through the heap.
    /// </summary>
    private sealed class PositionList
    {
        private const int PageShift = 12;
        private const int PageSize = 1 << PageShift; // 32 KiB of positions: below the large object heap
        private readonly List<long[]> _pages = [];

        public long Count { get; private set; }

        public long this[long index] => _pages[(int)(index >> PageShift)][index & (PageSize - 1)];

        public void Add(long position)
        {
            var offset = (int)(Count & (PageSize - 1));
            if (offset == 0)
            {
                // The first page starts small: most lists in tests hold a handful of positions.
                _pages.Add(new long[_pages.Count == 0 ? 16 : PageSize]);
            }
            else if (_pages.Count == 1 && offset == _pages[0].Length)
            {
                var first = _pages[0];
                Array.Resize(ref first, Math.Min(PageSize, first.Length * 4));
                _pages[0] = first;
            }

            _pages[^1][offset] = position;
            Count++;
        }
    }
}
