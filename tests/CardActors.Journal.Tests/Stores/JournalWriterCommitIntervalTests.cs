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
        using var load = await LoadedWriter.StartAsync();

        load.Enqueue("d", 3);
        load.Journal.Let();
        await load.Owners[2].Completed.WaitAsync(Waits.HangGuard);

        await Waits.Until(() => load.Time.TimersDueWithin(Interval) == 1, "the writer waits out the interval before the next batch");
        load.Enqueue("e", 4);
        Assert.False(load.Owners[3].Completed.IsCompleted);

        load.Journal.Open();
        load.Time.Advance(Interval);
        await Task.WhenAll(load.Owners[3].Completed, load.Owners[4].Completed).WaitAsync(Waits.HangGuard);
        Assert.Equal([1, 2, 2], load.Journal.BatchSizes);
    }

    [Fact]
    public async Task The_wait_is_what_is_left_of_the_interval_since_the_previous_batch_was_taken()
    {
        using var load = await LoadedWriter.StartAsync();

        load.Time.Advance(TimeSpan.FromMilliseconds(6)); // the second batch spends 6 ms in the store
        load.Enqueue("d", 3);
        load.Journal.Let();

        await Waits.Until(() => load.Time.TimersDueWithin(TimeSpan.FromMilliseconds(4)) == 1, "the writer waits the 4 ms left");
        Assert.Equal(0, load.Time.TimersDueWithin(TimeSpan.FromMilliseconds(3)));
        load.Journal.Open();
        load.Time.Advance(TimeSpan.FromMilliseconds(4));
        await load.Owners[3].Completed.WaitAsync(Waits.HangGuard);
    }

    [Fact]
    public async Task A_writer_disposed_while_it_waits_fails_the_waiting_writes_instead_of_leaving_them()
    {
        using var load = await LoadedWriter.StartAsync();

        var waiting = load.Enqueue("d", 3);
        load.Journal.Let();
        await Waits.Until(() => load.Time.TimersDueWithin(Interval) == 1, "the writer waits out the interval");

        load.Writer.Dispose();

        await load.Owners[3].Completed.WaitAsync(Waits.HangGuard); // time does not move
        Assert.Equal(WriteStatus.Failed, waiting.Status);
        Assert.IsType<JournalUnavailableException>(waiting.Error);
        Assert.Equal([1, 2], load.Journal.BatchSizes); // it never reached the store
    }

    [Fact]
    public void The_kernel_does_not_space_commits_unless_told_to()
    {
        Assert.Equal(TimeSpan.Zero, new JournalWriterSettings().CommitInterval);
    }

    [Fact]
    public async Task A_write_after_a_quiet_spell_goes_at_once()
    {
        using var load = await LoadedWriter.StartAsync();

        load.Journal.Open();
        await load.Owners[2].Completed.WaitAsync(Waits.HangGuard);
        load.Time.Advance(Interval);
        load.Enqueue("d", 3);

        await load.Owners[3].Completed.WaitAsync(Waits.HangGuard); // time does not move again
        Assert.Equal([1, 2, 1], load.Journal.BatchSizes);
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
        using var load = await LoadedWriter.StartAsync(maxBatchSize: 2);

        load.Enqueue("d", 3);
        load.Enqueue("e", 4);
        load.Journal.Open();

        await Task.WhenAll(load.Owners.Select(o => o.Completed)).WaitAsync(Waits.HangGuard); // time does not move
        Assert.Equal([1, 2, 2], load.Journal.BatchSizes);
    }

    /// <summary>
    /// A writer with the interval under concurrent load in small: a batch of one write (held), two
    /// more queued behind it, then that batch of two in the store and held there. The next batch is
    /// the one a commit interval affects. Owners 3 and 4 are for the writes a test adds.
    /// </summary>
    /// <remarks>
    /// TimersDueWithin(Interval) counts the writer's wait only: its other timer, the batch's write
    /// timeout (5 s by default), falls due far later than any interval used here.
    /// </remarks>
    private sealed class LoadedWriter : IDisposable
    {
        private LoadedWriter(int? maxBatchSize)
        {
            var settings = new JournalWriterSettings { CommitInterval = Interval };
            Writer = new JournalWriter(Journal, maxBatchSize is { } max ? settings with { MaxBatchSize = max } : settings, Time, NullLogger.Instance);
        }

        public ManualTimeProvider Time { get; } = new();

        public GatedJournal Journal { get; } = new();

        public JournalWriter Writer { get; }

        public CompletionOwner[] Owners { get; } = Enumerable.Range(0, 5).Select(_ => new CompletionOwner()).ToArray();

        public static async Task<LoadedWriter> StartAsync(int? maxBatchSize = null)
        {
            var load = new LoadedWriter(maxBatchSize);
            load.Enqueue("a", 0);
            await Waits.Until(() => load.Journal.Batches == 1, "the first batch reaches the store");
            load.Enqueue("b", 1);
            load.Enqueue("c", 2);
            load.Journal.Let();
            await Waits.Until(() => load.Journal.Batches == 2, "the second batch reaches the store");
            return load;
        }

        /// <summary>Queues the first event of a new entity, its outcome told to owner <paramref name="owner"/>.</summary>
        public JournalWrite Enqueue(string entity, int owner)
        {
            var write = Writes.Numbered(entity, 1, 1, 1, Owners[owner]);
            Assert.True(Writer.TryEnqueue(write));
            return write;
        }

        public void Dispose() => Writer.Dispose();
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
