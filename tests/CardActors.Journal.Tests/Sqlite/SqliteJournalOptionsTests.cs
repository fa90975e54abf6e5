using CardActors.Journal.Sqlite;

namespace CardActors.Journal.Tests.Sqlite;

public sealed class SqliteJournalOptionsTests
{
    public static TheoryData<SqliteJournalOptions, string> Invalid => new()
    {
        { new SqliteJournalOptions { Path = "" }, "Path" },
        { new SqliteJournalOptions { Path = "  " }, "Path" },
        { new SqliteJournalOptions { Path = ":memory:" }, "Path" },
        { new SqliteJournalOptions { Path = "file:journal.db?mode=memory" }, "Path" },
        { new SqliteJournalOptions { BusyTimeout = TimeSpan.Zero }, "BusyTimeout" },
        { new SqliteJournalOptions { ReadConnections = 0 }, "ReadConnections" },
        { new SqliteJournalOptions { WriterCacheKiB = -1 }, "WriterCacheKiB" },
        { new SqliteJournalOptions { ReaderCacheKiB = 0 }, "ReaderCacheKiB" },
        { new SqliteJournalOptions { CheckpointPages = 0 }, "CheckpointPages" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validation_names_the_offending_setting(SqliteJournalOptions options, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Equal(field, error.ParamName);
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => new SqliteJournal(options)).ParamName);
    }

    [Fact]
    public void The_defaults_are_valid_and_put_the_database_under_data()
    {
        var options = new SqliteJournalOptions();
        options.Validate();
        Assert.Equal("data/cardactors.db", options.Path);
    }
}
