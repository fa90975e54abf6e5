using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;
using CardActors.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Journal.Tests.Stores;

/// <summary>
/// A writer with a commit interval starts a partition's batches at least that far apart under
/// concurrent load, so that each commit carries more writes; a write after a quiet spell, a lone
/// client's writes and a queue that already holds a whole batch do not wait. Time is manual:
/// nothing here sleeps.
/// </summary>
public sealed class JournalWriterCommitIntervalTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Under_load_writes_that_follow_a_batch_within_the_interval_wait_for_it_and_share_one_batch()
    {
        var time = new ManualTimeProvider();
        var journal = new GatedJournal();
        using var writer = new JournalWriter(journal, new JournalWriterSettings { CommitInterval = Interval }, time, NullLogger.Instance);
        var owners = Enumerable.Range(0, 5).Select(_ => new CompletionOwner()).ToArray();

        await LoadAsync(writer, journal, owners); // batches of 1 and then 2 writes, the second held
        Assert.True(writer.TryEnqueue(Writes.Numbered("d", 1, 1, 1, owners[3])));
        journal.Let();
        await owners[2].Completed.WaitAsync(Waits.HangGuard);

        await Waits.Until(() => time.TimersDueWithin(Interval) == 1, "the writer waits out the interval before the next batch");
        Assert.True(writer.TryEnqueue(Writes.Numbered("e", 1, 1, 1, owners[4])));
        Assert.False(owners[3].Completed.IsCompleted);

        journal.Open();
        time.Advance(Interval);
        await Task.WhenAll(owners[3].Completed, owners[4].Completed).WaitAsync(Waits.HangGuard);
        Assert.Equal([1, 2, 2], journal.BatchSizes);
    }

    [Fact]
    public async Task The_wait_is_what_is_left_of_the_interval_since_the_previous_batch_was_taken()
    {
        var time = new ManualTimeProvider();
        var journal = new GatedJournal();
        using var writer = new JournalWriter(journal, new JournalWriterSettings { CommitInterval = Interval }, time, NullLogger.Instance);
        var owners = Enumerable.Range(0, 4).Select(_ => new CompletionOwner()).ToArray();

        await LoadAsync(writer, journal, owners);
        time.Advance(TimeSpan.FromMilliseconds(6)); // the second batch spends 6 ms in the store
        Assert.True(writer.TryEnqueue(Writes.Numbered("d", 1, 1, 1, owners[3])));
        journal.Let();

        await Waits.Until(() => time.TimersDueWithin(TimeSpan.FromMilliseconds(4)) == 1, "the writer waits the 4 ms left");
        Assert.Equal(0, time.TimersDueWithin(TimeSpan.FromMilliseconds(3)));
        journal.Open();
        time.Advance(TimeSpan.FromMilliseconds(4));
        await owners[3].Completed.WaitAsync(Waits.HangGuard);
    }

    [Fact]
    public async Task A_writer_disposed_while_it_waits_fails_the_waiting_writes_instead_of_leaving_them()
    {
        var time = new ManualTimeProvider();
        var journal = new GatedJournal();
        var writer = new JournalWriter(journal, new JournalWriterSettings { CommitInterval = Interval }, time, NullLogger.Instance);
        var owners = Enumerable.Range(0, 4).Select(_ => new CompletionOwner()).ToArray();

        await LoadAsync(writer, journal, owners);
        var waiting = Writes.Numbered("d", 1, 1, 1, owners[3]);
        Assert.True(writer.TryEnqueue(waiting));
        journal.Let();
        await Waits.Until(() => time.TimersDueWithin(Interval) == 1, "the writer waits out the interval");

        writer.Dispose();

        await owners[3].Completed.WaitAsync(Waits.HangGuard); // time does not move
        Assert.Equal(WriteStatus.Failed, waiting.Status);
        Assert.IsType<JournalUnavailableException>(waiting.Error);
        Assert.Equal([1, 2], journal.BatchSizes); // it never reached the store
    }

    [Fact]
    public void The_kernel_does_not_space_commits_unless_told_to()
    {
        Assert.Equal(TimeSpan.Zero, new JournalWriterSettings().CommitInterval);
    }

    [Fact]
    public async Task A_write_after_a_quiet_spell_goes_at_once()
    {
        var time = new ManualTimeProvider();
        var journal = new GatedJournal();
        using var writer = new JournalWriter(journal, new JournalWriterSettings { CommitInterval = Interval }, time, NullLogger.Instance);
        var owners = Enumerable.Range(0, 4).Select(_ => new CompletionOwner()).ToArray();

        await LoadAsync(writer, journal, owners);
        journal.Open();
        await owners[2].Completed.WaitAsync(Waits.HangGuard);
        time.Advance(Interval);
        Assert.True(writer.TryEnqueue(Writes.Numbered("d", 1, 1, 1, owners[3])));

        await owners[3].Completed.WaitAsync(Waits.HangGuard); // time does not move again
        Assert.Equal([1, 2, 1], journal.BatchSizes);
    }

    [Fact]
    public async Task A_lone_clients_writes_never_wait()
    {
        var time = new ManualTimeProvider();
        var journal = new GatedJournal();
        journal.Open();
        using var writer = new JournalWriter(journal, new JournalWriterSettings { CommitInterval = Interval }, time, NullLogger.Instance);

        for (var i = 1; i <= 3; i++)
        {
            var owner = new CompletionOwner();
            Assert.True(writer.TryEnqueue(Writes.Numbered("lone", 1, i, 1, owner)));
            await owner.Completed.WaitAsync(Waits.HangGuard); // time never moves
        }

        Assert.Equal([1, 1, 1], journal.BatchSizes);
    }

    [Fact]
    public async Task A_queue_that_holds_a_whole_batch_does_not_wait()
    {
        var time = new ManualTimeProvider();
        var journal = new GatedJournal();
        var settings = new JournalWriterSettings { CommitInterval = Interval, MaxBatchSize = 2 };
        using var writer = new JournalWriter(journal, settings, time, NullLogger.Instance);
        var owners = Enumerable.Range(0, 5).Select(_ => new CompletionOwner()).ToArray();

        await LoadAsync(writer, journal, owners);
        Assert.True(writer.TryEnqueue(Writes.Numbered("d", 1, 1, 1, owners[3])));
        Assert.True(writer.TryEnqueue(Writes.Numbered("e", 1, 1, 1, owners[4])));
        journal.Open();

        await Task.WhenAll(owners.Select(o => o.Completed)).WaitAsync(Waits.HangGuard); // time does not move
        Assert.Equal([1, 2, 2], journal.BatchSizes);
    }

    // TimersDueWithin(Interval) counts the writer's wait only: its other timer, the batch's write
    // timeout (5 s by default), falls due far later than any interval used here.

    /// <summary>
    /// Concurrent load in small: a batch of one write (held), two more queued behind it, then that
    /// batch of two in the store and held there. The next batch is the one a commit interval affects.
    /// </summary>
    private static async Task LoadAsync(JournalWriter writer, GatedJournal journal, CompletionOwner[] owners)
    {
        Assert.True(writer.TryEnqueue(Writes.Numbered("a", 1, 1, 1, owners[0])));
        await Waits.Until(() => journal.Batches == 1, "the first batch reaches the store");
        Assert.True(writer.TryEnqueue(Writes.Numbered("b", 1, 1, 1, owners[1])));
        Assert.True(writer.TryEnqueue(Writes.Numbered("c", 1, 1, 1, owners[2])));
        journal.Let();
        await Waits.Until(() => journal.Batches == 2, "the second batch reaches the store");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void An_interval_out_of_range_is_refused(int milliseconds)
    {
        var settings = new JournalWriterSettings { CommitInterval = TimeSpan.FromMilliseconds(milliseconds) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(settings.Validate);
        Assert.Equal(nameof(JournalWriterSettings.CommitInterval), error.ParamName);
    }

    /// <summary>An in-memory journal that records each batch's size and holds each batch until it is let through.</summary>
    private sealed class GatedJournal : IJournal
    {
        private readonly InMemoryJournal _inner = new();
        private readonly SemaphoreSlim _permits = new(0);
        private volatile bool _open;

        public List<int> BatchSizes { get; } = [];

        public int Batches
        {
            get
            {
                lock (BatchSizes)
                {
                    return BatchSizes.Count;
                }
            }
        }

        /// <summary>Lets one batch through.</summary>
        public void Let() => _permits.Release();

        /// <summary>Lets the batch held now and every later one through.</summary>
        public void Open()
        {
            _open = true;
            _permits.Release();
        }

        public async ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken)
        {
            lock (BatchSizes)
            {
                BatchSizes.Add(batch.Count);
            }

            if (!_open)
            {
                await _permits.WaitAsync(cancellationToken);
            }

            await _inner.WriteAsync(batch, cancellationToken);
        }

        public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) =>
            _inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

        public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken) =>
            _inner.ReplayAsync(persistenceId, fromSequenceNr, target, cancellationToken);

        public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken) =>
            _inner.ReadShardAsync(shardId, afterShardSequenceNr, maxCount, cancellationToken);
    }
}
