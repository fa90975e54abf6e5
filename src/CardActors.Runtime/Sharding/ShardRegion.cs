using CardActors.Runtime.Actors;
using CardActors.Runtime.Dispatch;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Sharding;

/// <summary>
/// Hosts every entity of one type on this node: key → shard (stable hash mod shard count) → entity,
/// started on its first message. Also passivates idle entities, evicts the least recently used
/// beyond the cap, and wakes entities whose durable reminders are due.
/// </summary>
public sealed class ShardRegion<TKey, TState, TCommand, TEvent, TReply> : IShardRegion<TKey, TCommand, TReply>, IDisposable
    where TKey : notnull
    where TState : class
    where TEvent : class
{
    private readonly ActorSystem _system;
    private readonly Lock _gate = new();
    private readonly EntityTable<TKey, EntityCell<TKey, TState, TCommand, TEvent, TReply>> _entities = new();
    private readonly ITimer _passivationTimer;
    private readonly ITimer _reminderTimer;
    private int _live;
    private int _sweeping;
    private int _sweepRequests;
    private int _scanningReminders;

    public ShardRegion(
        ActorSystem system,
        EntityType<TKey, TState, TCommand, TEvent, TReply> type,
        IPersistenceStore store,
        JournalWriterGroup writers,
        EntitySettings? settings = null)
    {
        Settings = settings ?? new EntitySettings();
        Settings.Validate();
        _system = system;
        Type = type;
        Store = store;
        Writers = writers;
        Log = system.LoggerFactory.CreateLogger("CardActors.Entity." + type.Name);
        Recoveries = new RecoveryQueue(store, Settings.RecoveryConcurrency, Settings.RecoveryBatchSize);

        _passivationTimer = Time.CreateTimer(static s => ((ShardRegion<TKey, TState, TCommand, TEvent, TReply>)s!).PassivateIdle(),
            this, Settings.PassivationInterval, Settings.PassivationInterval);
        _reminderTimer = Time.CreateTimer(static s => _ = ((ShardRegion<TKey, TState, TCommand, TEvent, TReply>)s!).DeliverDueRemindersAsync(),
            this, Settings.ReminderInterval, Settings.ReminderInterval);
    }

    public EntityType<TKey, TState, TCommand, TEvent, TReply> Type { get; }

    public EntitySettings Settings { get; }

    internal IPersistenceStore Store { get; }

    internal JournalWriterGroup Writers { get; }

    internal ILogger Log { get; }

    internal RecoveryQueue Recoveries { get; }

    internal TimeProvider Time => _system.Time;

    internal long CoarseTimestamp => _system.CoarseTimestamp;

    internal int Throughput => _system.Settings.Throughput;

    public int LiveEntities => Volatile.Read(ref _live);

    /// <summary>True while the entity is in memory (tests and diagnostics).</summary>
    internal bool IsLive(TKey key)
    {
        lock (_gate)
        {
            return _entities.Find(Type.Identity.StableHash(key), key) is not null;
        }
    }

    public int ShardOf(TKey key) => ShardHash.ShardOf(Type.Identity.StableHash(key), Settings.ShardCount);

    public ValueTask<TReply> Ask(TKey key, TCommand command, TimeSpan? timeout = null)
    {
        var envelope = Envelope<TCommand, TReply>.ForAsk(command, _system.Deadlines, timeout ?? _system.Settings.AskTimeout);
        var reply = envelope.Reply;
        Deliver(key, envelope);
        return reply;
    }

    public void Tell(TKey key, TCommand command) => Deliver(key, Envelope<TCommand, TReply>.ForTell(command));

    /// <summary>
    /// Reads the entity's state on its own turn, after every command sent before this call; the read
    /// must not change the state. For views that the entity's replies do not carry.
    /// </summary>
    public Task<TResult> InspectAsync<TResult>(TKey key, Func<TState, TResult> read)
    {
        var inspection = new Inspection<TState, TResult>(read);
        Deliver(key, Envelope<TCommand, TReply>.ForInspection(inspection));
        return inspection.Result;
    }

    private void Deliver(TKey key, Envelope<TCommand, TReply> envelope)
    {
        var hash = Type.Identity.StableHash(key);
        if (_entities.Find(hash, key) is { } cell && cell.Post(envelope))
        {
            return;
        }

        lock (_gate)
        {
            // Entities close and leave the table only under this lock, so one found here is open.
            cell = GetOrStart(hash, key);
            if (!cell.Post(envelope, allowInline: false))
            {
                throw new InvalidOperationException($"Entity {cell.PersistenceId} refused a message while open.");
            }
        }
    }

    /// <summary>Under the lock: the live entity of the key, started if there is none.</summary>
    private EntityCell<TKey, TState, TCommand, TEvent, TReply> GetOrStart(ulong hash, TKey key)
    {
        if (_entities.Find(hash, key) is { } cell)
        {
            return cell;
        }

        cell = new EntityCell<TKey, TState, TCommand, TEvent, TReply>(this, key, hash, ShardHash.ShardOf(hash, Settings.ShardCount));
        _entities.Add(hash, cell);
        if (Interlocked.Increment(ref _live) > Settings.MaxLiveEntities + Math.Max(1, Settings.MaxLiveEntities / 20))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static r => r.PassivateIdle(), this, preferLocal: false);
        }

        return cell;
    }

    /// <summary>
    /// Called by an entity in its own turn when it has nothing queued. Under the shard's lock the
    /// mailbox closes; anything that slipped in is moved, in order, to a new incarnation.
    /// </summary>
    internal bool TryPassivate(EntityCell<TKey, TState, TCommand, TEvent, TReply> cell)
    {
        lock (_gate)
        {
            if (cell.HasPendingSignals)
            {
                return false;
            }

            RemoveUnderLock(cell);
            return true;
        }
    }

    /// <summary>Called by an entity that stopped for good (fenced off); its queue moves to a new incarnation.</summary>
    internal void Remove(EntityCell<TKey, TState, TCommand, TEvent, TReply> cell)
    {
        lock (_gate)
        {
            RemoveUnderLock(cell);
        }
    }

    private void RemoveUnderLock(EntityCell<TKey, TState, TCommand, TEvent, TReply> cell)
    {
        var queued = cell.CloseMailbox();
        if (_entities.Remove(cell.Hash, cell))
        {
            Interlocked.Decrement(ref _live);
        }

        if (queued is null)
        {
            return;
        }

        var successor = GetOrStart(cell.Hash, cell.Key);
        while (queued is not null)
        {
            var next = queued.Next;
            queued.Next = null;
            successor.Post(queued, allowInline: false);
            queued = next;
        }
    }

    /// <summary>Asks idle entities, and the least recently used beyond the cap, to passivate.</summary>
    public void PassivateIdle()
    {
        // A request made while a sweep runs is not dropped: that sweep goes round again, since the
        // entities it counted may have changed since it began (new ones past the cap, above all).
        Interlocked.Increment(ref _sweepRequests);
        while (Volatile.Read(ref _sweepRequests) > 0 && Interlocked.Exchange(ref _sweeping, 1) == 0)
        {
            try
            {
                while (Interlocked.Exchange(ref _sweepRequests, 0) > 0)
                {
                    Sweep();
                }
            }
            finally
            {
                Volatile.Write(ref _sweeping, 0);
            }
        }
    }

    private void Sweep()
    {
        var now = Time.GetTimestamp();
        var idleTicks = (long)(Settings.IdleTimeout.TotalSeconds * Time.TimestampFrequency);
        var surplus = LiveEntities - Settings.MaxLiveEntities;
        var candidates = surplus > 0 ? new List<(long, EntityCell<TKey, TState, TCommand, TEvent, TReply>)>(LiveEntities) : null;
        foreach (var cell in _entities.Snapshot())
        {
            if (now - cell.LastActive >= idleTicks)
            {
                cell.RequestPassivation();
                surplus--;
            }
            else
            {
                candidates?.Add((cell.LastActive, cell));
            }
        }

        if (candidates is not null && surplus > 0)
        {
            // Evict a little below the cap so that eviction does not run on every new entity.
            var evict = Math.Min(candidates.Count, surplus + (Settings.MaxLiveEntities / 20));
            candidates.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
            for (var i = 0; i < evict; i++)
            {
                candidates[i].Item2.RequestPassivation();
            }
        }
    }

    /// <summary>Wakes entities whose durable reminders are due. Runs on a timer; exposed for tests.</summary>
    public async Task DeliverDueRemindersAsync()
    {
        if (Interlocked.Exchange(ref _scanningReminders, 1) == 1)
        {
            return;
        }

        try
        {
            var due = await Store.ReadDueAsync(Time.GetUtcNow(), Settings.ReminderBatchSize, CancellationToken.None);
            foreach (var reminder in due)
            {
                if (!Type.Identity.TryParsePersistenceId(reminder.PersistenceId, out var key))
                {
                    continue; // another entity type's reminder
                }

                var hash = Type.Identity.StableHash(key);
                lock (_gate)
                {
                    GetOrStart(hash, key).RemindDue();
                }
            }
        }
        catch (Exception exception)
        {
            EntityLog.ReminderScanFailed(Log, exception);
        }
        finally
        {
            Volatile.Write(ref _scanningReminders, 0);
        }
    }

    public void Dispose()
    {
        _passivationTimer.Dispose();
        _reminderTimer.Dispose();
    }
}
