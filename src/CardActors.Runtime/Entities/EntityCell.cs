using CardActors.Runtime.Dispatch;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;

namespace CardActors.Runtime.Entities;

/// <summary>
/// One live entity: its mailbox, its state and its lifecycle. Recover (snapshot + events) on the
/// first message; then, turn by turn, decide and apply each queued command, write the events of the
/// whole turn through the group-commit writer as one write, and reply to every command of the turn
/// once it is durable. While a write or the recovery is in flight the entity takes no new command
/// (no re-entrancy); other entities keep running.
/// </summary>
/// <remarks>
/// Events are applied before they are durable, but nobody outside the entity can observe that state:
/// replies (even a decline decided after them), inspections, snapshots and the next turn all wait
/// for the write, and a write that fails fails every command of its turn and recovers the state from
/// the journal. Applying first lets an invariant that the events would break fail before anything is
/// stored, and lets the durable reminder be written with the events.
/// </remarks>
internal sealed class EntityCell<TKey, TState, TCommand, TEvent, TReply> : Mailbox, IRecoveringEntity, IJournalWriteOwner, IEntityTableEntry<TKey>
    where TKey : notnull
    where TState : class
    where TEvent : class
{
    private const int PersistedSignal = 1;
    private const int RecoveredSignal = 2;
    private const int PassivateSignal = 4;
    private const int ReminderSignal = 8;
    private const long NoReminder = long.MinValue;

    private readonly ShardRegion<TKey, TState, TCommand, TEvent, TReply> _host;
    private readonly JournalWriter _writer;
    private MpscQueue<Envelope<TCommand, TReply>> _queue;
    private EntityPhase _phase;
    private TState? _state;
    private long _sequenceNr;
    private int _eventsSinceSnapshot;
    private bool _reminderDue;
    // The durable reminder as far as this incarnation knows, and what it will be once the write in
    // flight is stored: UTC ticks, NoReminder for none (a nullable DateTimeOffset takes three times
    // the room, and every live entity carries these).
    private long _reminder = NoReminder;
    private long _reminderAfterWrite = NoReminder;
    private JournalWrite? _write;
    private bool _forceReminder;
    // The asks decided this turn or waiting for its write, oldest first, linked through the
    // envelopes themselves (their queue link is free once dequeued).
    private EnvelopeChain<TCommand, TReply> _inFlight;
    // The answers given this turn, handed over after it (Mailbox.GiveAnswers).
    private EnvelopeChain<TCommand, TReply> _answers;
    private int _pendingEvents;
    private Exception? _recoveryError;

    public EntityCell(ShardRegion<TKey, TState, TCommand, TEvent, TReply> host, TKey key, ulong hash, int shardId)
    {
        _host = host;
        Key = key;
        Hash = hash;
        ShardId = shardId;
        JournalShardId = shardId + host.Settings.JournalShardOffset;
        _writer = host.Writers.For(JournalShardId);
        PersistenceId = host.Type.Identity.PersistenceIdOf(key);
        LastActive = host.CoarseTimestamp;
    }

    public TKey Key { get; }

    /// <summary>The key's stable hash (the region's table and the shard derive from it).</summary>
    public ulong Hash { get; }

    public int ShardId { get; }

    /// <summary>The shard as the journal knows it (see <see cref="EntitySettings.JournalShardOffset"/>).</summary>
    public int JournalShardId { get; }

    public string PersistenceId { get; }

    /// <summary>Timestamp of the last turn, to a deadline tick (for idle passivation and LRU eviction).</summary>
    public long LastActive { get; private set; }

    internal EntityPhase Phase => _phase;

    /// <summary>Queues a command. False if the entity has stopped (the region then routes to a new incarnation).</summary>
    public bool Post(Envelope<TCommand, TReply> envelope, bool allowInline = true)
    {
        if (!_queue.TryEnqueue(envelope))
        {
            return false;
        }

        Schedule(allowInline);
        return true;
    }

    /// <summary>Asks the entity to passivate at its next idle moment. Never runs the turn on the caller's thread.</summary>
    public void RequestPassivation() => Raise(PassivateSignal, allowInline: false);

    /// <summary>Wakes the entity for its due reminder. Never runs the turn on the caller's thread.</summary>
    public void RemindDue() => Raise(ReminderSignal, allowInline: false);

    protected override bool HasRunnableWork =>
        (_phase is EntityPhase.Running && (_queue.HasItems || _reminderDue)) ||
        (_phase is EntityPhase.New && (_queue.HasItems || _reminderDue));

    protected override void RunTurn(int signals)
    {
        if (_phase == EntityPhase.Stopped)
        {
            return;
        }

        if ((signals & ReminderSignal) != 0)
        {
            _reminderDue = true;
        }

        if ((signals & RecoveredSignal) != 0)
        {
            OnRecovered();
        }

        if ((signals & PersistedSignal) != 0)
        {
            OnPersisted();
        }

        if ((signals & PassivateSignal) != 0 && TryPassivate())
        {
            return;
        }

        if (_phase == EntityPhase.New)
        {
            if (_queue.HasItems || _reminderDue)
            {
                BeginRecovery();
            }

            return;
        }

        // The state and the write are objects of their own, each a cache miss on a node with many
        // entities; hinted here, they load while the turn dequeues and the behavior begins to decide.
        Prefetch.Object(_state);
        Prefetch.Object(_write, JournalWrite.ApproximateBytes);

        if (_phase == EntityPhase.Running && _reminderDue)
        {
            _reminderDue = false;
            Handle(null, _host.Type.Behavior.DeadlineReached(_host.Time.GetUtcNow()), reminderDelivery: true);
        }

        // Everything this turn decides goes into one write: a hot entity (a card used many times a
        // second) then takes as many commands per commit as arrived during the last one, instead of
        // one, and its queue cannot grow without bound behind the journal's round trip.
        var throughput = _host.Throughput;
        for (var processed = 0; processed < throughput && _phase == EntityPhase.Running; processed++)
        {
            var envelope = _queue.TryDequeue();
            if (envelope is null)
            {
                break;
            }

            if (envelope.IsAsk && !envelope.AwaitsReply)
            {
                envelope.Release(); // the asker gave up before we began: do not act on an abandoned request
                continue;
            }

            if (envelope.Inspection is Inspection<TState> inspection)
            {
                if (_pendingEvents > 0)
                {
                    _queue.PushFront(envelope); // it would see events not yet stored: it waits for them
                    break;
                }

                inspection.Run(_state!);
                envelope.Release();
                continue;
            }

            Handle(envelope, envelope.Message, reminderDelivery: false);
        }

        if (_phase == EntityPhase.Running)
        {
            Flush();
        }

        LastActive = _host.CoarseTimestamp;
    }

    /// <summary>Decides one command and applies its events; they are stored by <see cref="Flush"/> at the end of the turn.</summary>
    private void Handle(Envelope<TCommand, TReply>? envelope, TCommand command, bool reminderDelivery)
    {
        var behavior = _host.Type.Behavior;
        _forceReminder |= reminderDelivery;
        Effect<TEvent, TReply> effect;
        try
        {
            effect = behavior.Decide(_state!, command);
            if (effect.EventCount == 0)
            {
                if (_pendingEvents > 0)
                {
                    Await(envelope, effect.Reply); // decided on events not yet stored: answered once they are
                }
                else
                {
                    Reply(envelope, effect.Reply);
                }

                _forceReminder = _forceReminder || IsReminderDue();
                return;
            }

            if (_pendingEvents == 0 && _writer.IsFull) // the turn's write needs a slot; later events join it
            {
                Reply(envelope, behavior.FailureReply(EntityFailure.Busy));
                RuntimeMetrics.JournalRejected.Add(1);
                return;
            }

            for (var i = 0; i < effect.EventCount; i++)
            {
                _state = behavior.Apply(_state!, effect.EventAt(i));
            }

            var write = OpenWrite();
            for (var i = 0; i < effect.EventCount; i++)
            {
                _host.Type.Codec.WriteEvent(effect.EventAt(i), write);
                write.EndEvent();
            }
        }
        catch (Exception exception)
        {
            Crash(envelope, exception);
            return;
        }

        _pendingEvents += effect.EventCount;
        Await(envelope, effect.Reply);
    }

    /// <summary>The turn's write: begun by the turn's first event (or by a reminder alone).</summary>
    private JournalWrite OpenWrite()
    {
        var write = _write ??= new JournalWrite(this);
        if (_pendingEvents == 0)
        {
            write.Begin(PersistenceId, JournalShardId, _sequenceNr + 1);
        }

        return write;
    }

    /// <summary>Forgets a write that will not be sent. Never called while the writer holds it (Persisting).</summary>
    private void DiscardWrite() => _write?.Reset();

    /// <summary>Keeps the request, with its reply, until the turn's write is stored.</summary>
    private void Await(Envelope<TCommand, TReply>? envelope, TReply reply) => Keep(envelope, reply, untilStored: true);

    /// <summary>Answers a request now; the reply reaches the asker after the turn (<see cref="GiveAnswers"/>).</summary>
    private void Reply(Envelope<TCommand, TReply>? envelope, TReply reply) => Keep(envelope, reply, untilStored: false);

    private void Keep(Envelope<TCommand, TReply>? envelope, TReply reply, bool untilStored)
    {
        if (envelope is null)
        {
            return;
        }

        if (!envelope.IsAsk)
        {
            envelope.Release(); // a tell has nobody to answer
            return;
        }

        envelope.PendingReply = reply; // kept with the ask, not in every entity
        if (untilStored)
        {
            _inFlight.Add(envelope);
        }
        else
        {
            _answers.Add(envelope);
        }
    }

    /// <summary>Sends the turn's events (and the reminder they move) to the journal as one write.</summary>
    private void Flush()
    {
        var force = _forceReminder;
        _forceReminder = false;
        if (_pendingEvents == 0 && !force)
        {
            return;
        }

        var write = OpenWrite();
        try
        {
            PlanReminder(write, force);
        }
        catch (Exception exception)
        {
            DiscardWrite();
            Crash(null, exception);
            return;
        }

        if (_pendingEvents == 0 && write.Reminder == ReminderChange.None)
        {
            DiscardWrite();
            return;
        }

        if (!_writer.TryEnqueue(write))
        {
            DiscardWrite();
            AnswerTurn(stored: false, _host.Type.Behavior.FailureReply(EntityFailure.Busy));
            if (_pendingEvents > 0)
            {
                Restart(); // the events were applied but will never be stored
            }

            return;
        }

        _phase = EntityPhase.Persisting; // the writer has the write now; it is reset when its outcome is read
    }

    private bool IsReminderDue() => _reminder != NoReminder && _reminder <= _host.Time.GetUtcNow().UtcTicks;

    /// <summary>
    /// Keeps the durable reminder no later than the entity's next deadline. A reminder that is later
    /// than needed would miss a deadline; one that is earlier only wakes the entity for nothing, so
    /// it is left alone until it fires, saving a write on most commands. When a reminder has fired
    /// (<paramref name="force"/>) the stored one is always replaced: after a recovery this entity
    /// cannot know what the store holds.
    /// </summary>
    private void PlanReminder(JournalWrite write, bool force)
    {
        var next = Ticks(_host.Type.Behavior.NextDeadline(_state!));
        _reminderAfterWrite = _reminder;
        if (next == _reminder && !force)
        {
            return;
        }

        if (next != NoReminder && (_reminder == NoReminder || next < _reminder || force || IsReminderDue()))
        {
            write.SetReminder(new DateTimeOffset(next, TimeSpan.Zero));
            _reminderAfterWrite = next;
        }
        else if (next == NoReminder && (force || IsReminderDue()))
        {
            write.ClearReminder();
            _reminderAfterWrite = NoReminder;
        }
    }

    private static long Ticks(DateTimeOffset? deadline) => deadline?.UtcTicks ?? NoReminder;

    void IJournalWriteOwner.OnWriteCompleted(JournalWrite write) => Raise(PersistedSignal);

    // Both run on the writer's thread while the write is out, so no turn adds to the asks they read.
    void IJournalWriteOwner.HintWaiting() => Prefetch.Object(_inFlight.Head);

    void IJournalWriteOwner.HintContinuations() => _inFlight.Head?.HintContinuation();

    private void OnPersisted()
    {
        var write = _write!;
        var status = write.Status;
        var error = write.Error;
        var events = _pendingEvents;
        write.Reset();
        _pendingEvents = 0;
        switch (status)
        {
            case WriteStatus.Written:
                _sequenceNr += events;
                _eventsSinceSnapshot += events;
                _reminder = _reminderAfterWrite;
                _phase = EntityPhase.Running;
                AnswerTurn(stored: true);
                if (_host.Settings.SnapshotEvery > 0 && _eventsSinceSnapshot >= _host.Settings.SnapshotEvery)
                {
                    SaveSnapshot();
                }

                break;
            case WriteStatus.Conflict:
                EntityLog.OwnershipLost(_host.Log, PersistenceId, _sequenceNr + 1);
                AnswerTurn(stored: false, _host.Type.Behavior.FailureReply(EntityFailure.OwnershipLost));
                _phase = EntityPhase.Stopped;
                _host.Remove(this);
                break;
            default:
                EntityLog.PersistFailed(_host.Log, error, PersistenceId);
                AnswerTurn(stored: false, _host.Type.Behavior.FailureReply(EntityFailure.Unavailable));
                Restart();
                break;
        }
    }

    /// <summary>
    /// Answers every request of the turn: with the reply decided for it once the write is
    /// <paramref name="stored"/>, else with <paramref name="failure"/>.
    /// </summary>
    private void AnswerTurn(bool stored, TReply failure = default!)
    {
        if (!stored)
        {
            for (var envelope = _inFlight.Head; envelope is not null; envelope = envelope.Next)
            {
                envelope.PendingReply = failure;
            }
        }

        _answers.MoveFrom(ref _inFlight);
    }

    protected override object? TakeAnswers() => _answers.Take();

    /// <summary>Hands over a turn's answers, oldest first; touches only them and what never changes (another turn may be running).</summary>
    protected override void GiveAnswers(object answers, bool continueHere)
    {
        var envelope = (Envelope<TCommand, TReply>?)answers;
        while (envelope is not null)
        {
            var next = envelope.Next;
            envelope.Next = null;
            try
            {
                envelope.TryReply(envelope.PendingReply, continueHere);
            }
            catch (Exception exception)
            {
                EntityLog.ContinuationFailed(_host.Log, exception, PersistenceId);
            }

            envelope.Release();
            envelope = next;
        }
    }

    private void SaveSnapshot()
    {
        var snapshot = SnapshotWriteOwner.Instance.Rent();
        snapshot.Begin(PersistenceId, JournalShardId, _sequenceNr + 1);
        try
        {
            snapshot.BeginSnapshot(_sequenceNr);
            _host.Type.Codec.WriteSnapshot(_state!, snapshot);
        }
        catch (Exception exception)
        {
            SnapshotWriteOwner.Instance.Return(snapshot);
            EntityLog.SnapshotFailed(_host.Log, exception, PersistenceId);
            return;
        }

        if (_writer.TryEnqueue(snapshot))
        {
            _eventsSinceSnapshot = 0;
        }
        else
        {
            SnapshotWriteOwner.Instance.Return(snapshot); // try again after the next event
        }
    }

    private void BeginRecovery()
    {
        _phase = EntityPhase.Recovering;
        _state = null;
        _sequenceNr = 0;
        _eventsSinceSnapshot = 0;
        _recoveryError = null;
        _host.Recoveries.Enqueue(this);
    }

    // The recovery callbacks run on the reader's thread while the entity takes no turn (it is
    // Recovering); the signal raised at the end publishes what they set to the next turn.
    void IRecoveryTarget.OnSnapshot(long sequenceNr, ReadOnlySpan<byte> payload)
    {
        if (_recoveryError is not null)
        {
            return;
        }

        try
        {
            _state = _host.Type.Codec.ReadSnapshot(Key, payload);
            _sequenceNr = sequenceNr;
        }
        catch (Exception exception)
        {
            _recoveryError = exception;
        }
    }

    void IReplayTarget.OnReplay(long sequenceNr, ReadOnlySpan<byte> payload)
    {
        if (_recoveryError is not null)
        {
            return;
        }

        try
        {
            if (sequenceNr != _sequenceNr + 1)
            {
                throw new InvalidOperationException($"Journal of {PersistenceId} skips from {_sequenceNr} to {sequenceNr}.");
            }

            _state = _host.Type.Behavior.Apply(_state ?? _host.Type.Behavior.CreateState(Key), _host.Type.Codec.ReadEvent(payload));
            _sequenceNr = sequenceNr;
            _eventsSinceSnapshot++;
        }
        catch (Exception exception)
        {
            _recoveryError = exception;
        }
    }

    void IRecoveringEntity.OnRecoveryRead(Exception? failure)
    {
        _recoveryError ??= failure;
        Raise(RecoveredSignal, allowInline: false);
    }

    private void OnRecovered()
    {
        if (_recoveryError is { } error)
        {
            _recoveryError = null;
            RuntimeMetrics.EntityRecoveryFailures.Add(1);
            EntityLog.RecoveryFailed(_host.Log, error, PersistenceId);
            _state = null;
            _sequenceNr = 0;
            _phase = EntityPhase.New;
            var failure = _host.Type.Behavior.FailureReply(EntityFailure.Unavailable);
            while (_queue.TryDequeue() is { } envelope)
            {
                (envelope.Inspection as Inspection<TState>)?.Fail(new JournalUnavailableException("The entity could not be recovered.", error));
                Reply(envelope, failure);
            }

            return;
        }

        RuntimeMetrics.EntityRecoveries.Add(1);
        _state ??= _host.Type.Behavior.CreateState(Key);
        _phase = EntityPhase.Running;
        _reminder = Ticks(_host.Type.Behavior.NextDeadline(_state!));
    }

    private bool TryPassivate()
    {
        if (_phase is not (EntityPhase.Running or EntityPhase.New) || _reminderDue || _queue.HasItems)
        {
            return false;
        }

        if (!_host.TryPassivate(this))
        {
            return false;
        }

        _phase = EntityPhase.Stopped;
        _state = null;
        RuntimeMetrics.EntityPassivations.Add(1);
        return true;
    }

    /// <summary>Region only, under the shard's lock: closes the mailbox and hands back what was queued.</summary>
    internal Envelope<TCommand, TReply>? CloseMailbox() => _queue.Close();

    /// <summary>Region only, under the shard's lock: a signal raised since the turn began keeps the entity alive.</summary>
    internal bool HasPendingSignals => HasSignals;

    /// <summary>
    /// A handler threw: its state cannot be trusted. The requests decided earlier in the turn are
    /// answered as crashed too, since their events were only applied, never stored.
    /// </summary>
    private void Crash(Envelope<TCommand, TReply>? envelope, Exception exception)
    {
        RuntimeMetrics.EntityCrashes.Add(1);
        EntityLog.HandlerFailed(_host.Log, exception, PersistenceId);
        var failure = _host.Type.Behavior.FailureReply(EntityFailure.Crashed);
        Reply(envelope, failure);
        AnswerTurn(stored: false, failure);
        Restart();
    }

    private void Restart()
    {
        DiscardWrite();
        _pendingEvents = 0;
        _forceReminder = false;
        _state = null;
        _sequenceNr = 0;
        _eventsSinceSnapshot = 0;
        _reminder = NoReminder;
        _phase = EntityPhase.New;
    }

    protected override void OnTurnCrashed(Exception exception)
    {
        EntityLog.KernelFault(_host.Log, exception, PersistenceId);
        AnswerTurn(stored: false, _host.Type.Behavior.FailureReply(EntityFailure.Crashed));

        if (_phase != EntityPhase.Persisting && _phase != EntityPhase.Recovering)
        {
            Restart();
        }
    }
}
