using CardActors.Journal.Sqlite;
using Microsoft.Data.Sqlite;

namespace CardActors.Journal.Tests.Sqlite;

/// <summary>A database file in a temporary directory of its own, deleted with it.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cardactors-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "journal.db");

    public SqliteJournalOptions Options => new() { Path = Path };

    public async Task<SqliteJournal> OpenAsync(SqliteJournalOptions? options = null)
    {
        var journal = new SqliteJournal(options ?? Options);
        await journal.InitializeAsync(CancellationToken.None);
        return journal;
    }

    /// <summary>A plain connection of the test's own, to look at or lock the file from outside the store.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public object? Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
