using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;
using Microsoft.Extensions.Logging;

namespace CardActors.Journal.Tests.Stores;

/// <summary>
/// The group-commit writer says once per batch that writes failed, whether the whole batch failed
/// or the store refused some of its writes; the entities themselves log that at debug level only,
/// so a batch of thousands is one warning, not thousands.
/// </summary>
public sealed class JournalWriterLogTests
{
    [Fact]
    public async Task Writes_the_store_refused_are_logged_once_for_their_batch()
    {
        var log = new RecordingLogger();
        using var writer = new JournalWriter(new InMemoryJournal(), new JournalWriterSettings(), TimeProvider.System, log);
        var owner = new CompletionOwner();
        var gap = Writes.Numbered("gap", 1, 5, 1, owner); // the log is empty: a write from 5 leaves a gap

        Assert.True(writer.TryEnqueue(gap));
        await owner.Completed.WaitAsync(Waits.HangGuard);
        await log.FirstEntry.WaitAsync(Waits.HangGuard); // the writer logs after it has told the owners

        Assert.Equal(WriteStatus.Failed, gap.Status);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(102, entry.EventId);
        Assert.Contains("1 of the 1 writes", entry.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task A_batch_that_fails_whole_is_logged_once()
    {
        var log = new RecordingLogger();
        using var writer = new JournalWriter(new FailingJournal(), new JournalWriterSettings(), TimeProvider.System, log);
        var owner = new CompletionOwner();
        var write = Writes.Numbered("down", 1, 1, 1, owner);

        Assert.True(writer.TryEnqueue(write));
        await owner.Completed.WaitAsync(Waits.HangGuard);
        await log.FirstEntry.WaitAsync(Waits.HangGuard);

        Assert.Equal(WriteStatus.Failed, write.Status);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(100, entry.EventId);
    }

    private sealed class FailingJournal : IJournal
    {
        public ValueTask WriteAsync(IReadOnlyList<JournalWrite> batch, CancellationToken cancellationToken) =>
            throw new JournalUnavailableException("down for the test");

        public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<long> ReplayAsync(string persistenceId, long fromSequenceNr, IReplayTarget target, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask<IReadOnlyList<ShardEvent>> ReadShardAsync(int shardId, long afterShardSequenceNr, int maxCount, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstEntry => _first.Task;

        public List<(LogLevel Level, int EventId, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, eventId.Id, formatter(state, exception), exception));
            }

            _first.TrySetResult();
        }
    }
}
