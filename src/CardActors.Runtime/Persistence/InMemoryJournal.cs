using CardActors.Runtime.Dispatch;

namespace CardActors.Runtime.Persistence;

/// <summary>
/// The in-memory store: for tests and for measuring the kernel without I/O. It honours the same
/// contract as the durable stores (conflicts, per-shard order, snapshots, reminders). Events are
/// appended to arenas of large chunks, in arrival order like a real log; each event's header
/// points back to the entity's previous event, so an entity costs two numbers, and a shard's index
/// is a list of plain integers: millions of events put no pressure on the collector, and a write
/// touches little memory besides the arena's tail.
/// </summary>
/// <remarks>
/// The shards are spread over <see cref="StripeCount"/> stripes, each with its own lock and arena.
/// The journal writers of a node take shards by the same rule (shard number modulo the partition
/// count), so with a partition count that divides the stripe count no two writers ever wait for
/// each other here: with one lock for the whole store, two writers on two cores spent a fifth of
/// the card benchmark's time waiting for it. Reads take every stripe's lock, in order.
/// </remarks>
public sealed class InMemoryJournal : IPersistenceStore
{
    /// <summary>Stripes of shards, each with its own lock; a power of two, so that 1, 2, 4, 8 or 16 partitions divide it.</summary>
    public const int StripeCount = 16;

    private readonly InMemoryStripe[] _stripes = Enumerable.Range(0, StripeCount).Select(i => new InMemoryStripe(i)).ToArray();
    private readonly Lock _catalogGate = new();
    private readonly Dictionary<string, InMemoryEntityLog> _entities = new(StringComparer.Ordinal);
    private readonly List<InMemoryEntityLog> _entityByIndex = [];
    private readonly Lock _sideGate = new();
    private readonly Dictionary<string, SnapshotRecord> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DueReminder> _reminders = new(StringComparer.Ordinal);

    public InMemoryJournal()
        : this(0)
    {
    }

    /// <param name="reserveBytes">
    /// Memory for events to make ready now, spread over the stripes in whole 4 MiB chunks (so any
    /// reservation commits at least 64 MiB): a run that knows roughly how much it will store pays for
    /// committing that memory here instead of a page fault at a time under its writes. More is taken
    /// as needed, as without a reservation.
    /// </param>
    public InMemoryJournal(long reserveBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reserveBytes);
        var perStripe = (reserveBytes + StripeCount - 1) / StripeCount;
        foreach (var stripe in _stripes)
        {
            stripe.Reserve(perStripe);
        }
    }

    /// <summary>Arena bytes holding events (headers included), for sizing a reservation.</summary>
    public long StoredBytes
    {
        get
        {
            using (EnterAll())
            {
                return _stripes.Sum(s => s.StoredBytes);
            }
        }
    }

    public ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            Prefetch.Referents(batch, i, static w => w.StoreHandle);
            WriteOne(batch[i]);
        }

        return ValueTask.CompletedTask;
    }

    private void WriteOne(JournalWrite write)
    {
        if (write.EventCount > 0 && !TryAppendEvents(write))
        {
            return;
        }

        if (write.HasSnapshot || write.Reminder != ReminderChange.None)
        {
            lock (_sideGate)
            {
                StoreSideEffects(write);
            }
        }

        write.Complete(WriteStatus.Written);
    }

    /// <summary>Appends the write's events, or completes it as a conflict or a gap and returns false.</summary>
    private bool TryAppendEvents(JournalWrite write)
    {
        var log = LogOf(write);
        var shardStripe = _stripes[StripeOf(write.ShardId)];
        var logStripe = _stripes[log.Stripe];
        // An entity's log is guarded by the stripe it began in. A write filed under a shard of another
        // stripe (a region reconfigured over the same store) holds both, always lower stripe first.
        var (first, second) = shardStripe.Index <= logStripe.Index ? (shardStripe, logStripe) : (logStripe, shardStripe);
        using var firstScope = first.Gate.EnterScope();
        using var secondScope = ReferenceEquals(first, second) ? default : second.Gate.EnterScope();
        if (write.FromSequenceNr <= log.Count)
        {
            write.Complete(WriteStatus.Conflict);
            return false;
        }

        if (write.FromSequenceNr != log.Count + 1)
        {
            write.Complete(WriteStatus.Failed, new InvalidOperationException(
                $"Sequence gap for {write.PersistenceId}: next is {log.Count + 1}, write starts at {write.FromSequenceNr}."));
            return false;
        }

        var shard = shardStripe.ShardOf(write.ShardId);
        for (var e = 0; e < write.EventCount; e++)
        {
            var header = new InMemoryEventHeader(log.Index, write.FromSequenceNr + e, write.Timestamp.UtcTicks, log.Last);
            log.Last = shardStripe.Append(header, write.PayloadSpan(e));
            log.Count++;
            shard.Add(log.Last);
        }

        return true;
    }

    private void StoreSideEffects(JournalWrite write)
    {
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
    }

    private static int StripeOf(int shardId) => (int)((uint)shardId % StripeCount);

    private InMemoryEntityLog LogOf(JournalWrite write)
    {
        if (write.StoreHandle is InMemoryEntityLog cached && ReferenceEquals(cached.Journal, this) && cached.PersistenceId == write.PersistenceId)
        {
            return cached;
        }

        InMemoryEntityLog? log;
        lock (_catalogGate)
        {
            if (!_entities.TryGetValue(write.PersistenceId, out log))
            {
                log = new InMemoryEntityLog(this, write.PersistenceId, _entityByIndex.Count, StripeOf(write.ShardId));
                _entities.Add(write.PersistenceId, log);
                _entityByIndex.Add(log);
            }
        }

        write.StoreHandle = log;
        return log;
    }

    private InMemoryEntityLog? Find(string persistenceId)
    {
        lock (_catalogGate)
        {
            return _entities.GetValueOrDefault(persistenceId);
        }
    }

    private ReadOnlySpan<byte> Read(long position, out InMemoryEventHeader header) =>
        _stripes[InMemoryStripe.StripeOf(position)].Read(position, out header);

    /// <summary>Holds every stripe, in order, for a read that may follow positions into any of them.</summary>
    private AllStripes EnterAll()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Gate.Enter();
        }

        return new AllStripes(_stripes);
    }

    public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken)
    {
        var highest = fromSequenceNr - 1;
        var log = Find(persistenceId);
        if (log is null)
        {
            return ValueTask.FromResult(highest);
        }

        using (EnterAll())
        {
            var first = Math.Max(1, fromSequenceNr);
            if (first > log.Count)
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
        var log = Find(persistenceId);
        if (log is null)
        {
            return ValueTask.FromResult(0L);
        }

        lock (_stripes[log.Stripe].Gate)
        {
            return ValueTask.FromResult(log.Count);
        }
    }

    public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterShardSequenceNr);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var result = new List<ShardEvent>();
        using (EnterAll())
        {
            var shard = _stripes[StripeOf(shardId)].FindShard(shardId);
            for (var index = afterShardSequenceNr; shard is not null && index < shard.Count && result.Count < maxCount; index++)
            {
                var payload = Read(shard[index], out var header);
                result.Add(new ShardEvent(shardId, index + 1, PersistenceIdAt(header.Entity),
                    header.SequenceNr, new DateTimeOffset(header.Ticks, TimeSpan.Zero), payload.ToArray()));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ShardEvent>>(result);
    }

    private string PersistenceIdAt(int index)
    {
        lock (_catalogGate)
        {
            return _entityByIndex[index].PersistenceId;
        }
    }

    public ValueTask<SnapshotRecord?> LoadAsync(string persistenceId, CancellationToken cancellationToken)
    {
        lock (_sideGate)
        {
            return ValueTask.FromResult(_snapshots.GetValueOrDefault(persistenceId));
        }
    }

    public ValueTask<IReadOnlyList<DueReminder>> ReadDueAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
    {
        lock (_sideGate)
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

    /// <summary>Closing a handle keeps the data, as closing a database does: the same instance can be opened again.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private readonly struct AllStripes(InMemoryStripe[] stripes) : IDisposable
    {
        public void Dispose()
        {
            for (var i = stripes.Length - 1; i >= 0; i--)
            {
                stripes[i].Gate.Exit();
            }
        }
    }
}
