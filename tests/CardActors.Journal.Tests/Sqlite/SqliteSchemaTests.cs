using CardActors.Journal.Sqlite;

namespace CardActors.Journal.Tests.Sqlite;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    [Fact]
    public async Task Initializing_creates_the_schema_in_wal_mode_and_records_its_version()
    {
        await using (await _database.OpenAsync())
        {
            Assert.Equal("wal", _database.Scalar("PRAGMA journal_mode"));
            Assert.Equal(1L, _database.Scalar("SELECT MAX(version) FROM schema_version"));
            foreach (var table in new[] { "journal", "snapshots", "reminders", "pipeline_offsets" })
            {
                Assert.Equal(1L, _database.Scalar($"SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}'"));
            }

            Assert.Equal(1L, _database.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name = 'journal_by_shard'"));
        }

        await using (await _database.OpenAsync())
        {
            Assert.Equal(1L, _database.Scalar("SELECT COUNT(*) FROM schema_version"));
        }
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused()
    {
        await (await _database.OpenAsync()).DisposeAsync();
        _database.Scalar("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");

        await using var journal = new SqliteJournal(_database.Options);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.InitializeAsync(CancellationToken.None).AsTask());
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_works_before_initializing_and_nothing_after_disposing()
    {
        var journal = new SqliteJournal(_database.Options);
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.ReadHighestSequenceNrAsync("a", CancellationToken.None).AsTask());
        await journal.InitializeAsync(CancellationToken.None);
        await journal.DisposeAsync();
        await journal.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.ReadHighestSequenceNrAsync("a", CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.InitializeAsync(CancellationToken.None).AsTask());
    }

    public void Dispose() => _database.Dispose();
}
