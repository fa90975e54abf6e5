using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using CardActors.Runtime.Dispatch;
using CardActors.Runtime.Persistence;
using CardActors.TestKit.Accounts;

namespace CardActors.Runtime.Tests.Entities;

/// <summary>
/// An entity gives its answers after its turn, not inside it: the asker's continuation may then run
/// on the thread that stored the write (no hop to the thread pool), and what it throws is the
/// asker's, not the entity's.
/// </summary>
public sealed class AnswersAfterTurnTests
{
    /// <summary>
    /// A store whose batches complete only when the test says so, on the test's thread, with the
    /// writer's continuation run inside that call (as a store completing its I/O would run it).
    /// A batch counts as arrived only once the writer awaits it: completed any earlier, the writer
    /// would go on on its own thread instead, after the call.
    /// </summary>
    private sealed class HandOffStore : IPersistenceStore
    {
        private readonly InMemoryJournal _inner = new();
        private readonly Lock _gate = new();
        private readonly Queue<HeldBatch> _held = new();
        private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NextBatchArrived()
        {
            lock (_gate)
            {
                return _held.Count > 0 ? Task.CompletedTask : _arrived.Task;
            }
        }

        /// <summary>Stores the oldest held batch and completes it here: the writer goes on inside this call.</summary>
        public void CompleteOldest()
        {
            HeldBatch held;
            lock (_gate)
            {
                held = _held.Dequeue();
            }

            _inner.WriteAsync(held.Batch, default).AsTask().GetAwaiter().GetResult();
            held.Complete();
        }

        public ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken) => new HeldBatch(this, batch).Awaited;

        private void Hold(HeldBatch batch)
        {
            lock (_gate)
            {
                _held.Enqueue(batch);
                _arrived.SetResult();
                _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        /// <summary>A batch the writer awaits; its continuation runs inline, inside <see cref="Complete"/>.</summary>
        private sealed class HeldBatch(HandOffStore store, IReadOnlyList<JournalWrite> batch) : IValueTaskSource
        {
            private ManualResetValueTaskSourceCore<bool> _core;

            public IReadOnlyList<JournalWrite> Batch => batch;

            public ValueTask Awaited => new(this, _core.Version);

            public void Complete() => _core.SetResult(true);

            void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

            ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

            void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            {
                _core.OnCompleted(continuation, state, token, flags);
                store.Hold(this);
            }
        }

        public ValueTask InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

        public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken) =>
            _inner.ReplayAsync(persistenceId, fromSequenceNr, target, cancellationToken);

        public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) =>
            _inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

        public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken) =>
            _inner.ReadShardAsync(shardId, afterShardSequenceNr, maxCount, cancellationToken);

        public ValueTask<SnapshotRecord?> LoadAsync(string persistenceId, CancellationToken cancellationToken) => _inner.LoadAsync(persistenceId, cancellationToken);

        public ValueTask<IReadOnlyList<DueReminder>> ReadDueAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken) =>
            _inner.ReadDueAsync(dueBy, maxCount, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_askers_continuation_runs_on_the_thread_that_completed_the_write_and_its_next_ask_is_answered()
    {
        var store = new HandOffStore();
        using var node = new AccountRegion(store);
        var continuedOn = 0;
        var credited = CreditThenAskAgain(node, () => continuedOn = Environment.CurrentManagedThreadId);
        await store.NextBatchArrived();

        await Task.Run(() =>
        {
            var completer = Environment.CurrentManagedThreadId;
            store.CompleteOldest();
            Assert.Equal(completer, continuedOn); // ran inside CompleteOldest, not queued for later
        });

        await store.NextBatchArrived(); // the continuation's own credit, decided on that thread, is at the store
        store.CompleteOldest();
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 10, 2), await credited);
    }

    private static async Task<AccountReply> CreditThenAskAgain(AccountRegion node, Action continued)
    {
        await node.Ask(1, new Credit(5)).ConfigureAwait(false);
        continued();
        return await node.Ask(1, new Credit(5)).ConfigureAwait(false);
    }

    [Fact]
    public async Task A_continuation_that_waits_for_the_same_entity_is_answered_because_the_entity_is_free_by_then()
    {
        var store = new HandOffStore();
        using var node = new AccountRegion(store);
        var credit = node.Ask(1, new Credit(100));
        await store.NextBatchArrived();
        AccountReply? seenInside = null;
        using var done = new ManualResetEventSlim();
        // Blocking in a continuation is the asker's choice; it must not deadlock the entity that answered.
        await Task.Run(() => credit.GetAwaiter().UnsafeOnCompleted(() =>
        {
            var balance = node.Ask(1, ReadBalance.Instance).AsTask();
            if (balance.Wait(TimeSpan.FromSeconds(20)))
            {
                seenInside = balance.Result;
            }

            done.Set();
        }));

        await Task.Run(store.CompleteOldest); // the continuation runs inside this call
        Assert.True(done.IsSet);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 100, 1), seenInside);
        Assert.True(credit.IsCompleted);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 100, 1), await credit);
    }

    [Fact]
    public async Task A_continuation_that_throws_does_not_keep_the_other_answers_of_its_turn_from_their_askers()
    {
        var store = new HandOffStore();
        using var node = new AccountRegion(store);
        var first = node.Ask(1, new Credit(100)); // its write goes out alone; the next two queue behind it
        await store.NextBatchArrived();
        var throwing = node.Ask(1, new Credit(1));
        var second = node.Ask(1, new Credit(2)).AsTask();
        // Registered where no synchronization context is captured, so that it can run in place.
        await Task.Run(() => throwing.GetAwaiter().UnsafeOnCompleted(() => throw new InvalidOperationException("the asker's own failure")));

        await Task.Run(store.CompleteOldest);
        await store.NextBatchArrived();
        await Task.Run(store.CompleteOldest); // the throwing continuation runs inside this call, and is caught there

        Assert.Equal(new AccountReply(AccountOutcome.Ok, 100, 1), await first);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 103, 3), await second);
        Assert.True(throwing.IsCompleted);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 101, 2), await throwing);

        var after = node.Ask(1, ReadBalance.Instance);
        Assert.Equal(new AccountReply(AccountOutcome.Ok, 103, 3), await after);
    }

    [Fact]
    public async Task A_reused_envelope_queues_the_continuation_of_a_failure_or_plain_reply_even_after_a_reply_ran_one_in_place()
    {
        // One thread for all three: envelopes return to a per-thread pool, so the same one is reused.
        await Task.Run(() =>
        {
            var (ranInPlace, used) = RunOnce(static envelope => envelope.TryReply(7, runContinuationHere: true), waitForOpen: false);
            Assert.True(ranInPlace);
            var (failureInPlace, reused) = RunOnce(static envelope => envelope.TryFail(new InvalidOperationException("failed")), waitForOpen: true);
            Assert.Same(used, reused);
            Assert.False(failureInPlace);
            var (replyInPlace, reusedAgain) = RunOnce(static envelope => envelope.TryReply(8), waitForOpen: true);
            Assert.Same(used, reusedAgain);
            Assert.False(replyInPlace);
        });
    }

    /// <summary>
    /// Asks through a pooled envelope, completes it with <paramref name="complete"/> and says whether
    /// the continuation ran inside that call. A continuation that should be queued waits for the
    /// call to return first; had it run inside, it would find the gate shut and say so.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (bool RanInside, Envelope<int, int> Envelope) RunOnce(Action<Envelope<int, int>> complete, bool waitForOpen)
    {
        var envelope = Envelope<int, int>.ForAsk(1, deadlines: null, Timeout.InfiniteTimeSpan);
        var reply = envelope.Reply;
        using var gate = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        var callReturned = false;
        var ranInside = false;
        reply.GetAwaiter().UnsafeOnCompleted(() =>
        {
            if (waitForOpen)
            {
                gate.Wait(TimeSpan.FromSeconds(10));
            }

            ranInside = !Volatile.Read(ref callReturned);
            done.Set();
        });

        complete(envelope);
        Volatile.Write(ref callReturned, true);
        gate.Set();
        Assert.True(done.Wait(TimeSpan.FromSeconds(20)), "the continuation never ran");
        try
        {
            _ = reply.GetAwaiter().GetResult(); // the asker's hold
        }
        catch (InvalidOperationException)
        {
        }

        envelope.Release(); // the receiver's hold
        return (ranInside, envelope);
    }
}
