using CardActors.Journal.Sqlite;
using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Stores;

/// <summary>A temporary directory per test class, one database file per test in it, all deleted afterwards.</summary>
public sealed class SqliteStoreFixture : JournalStoreFixture
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("cardactors-journal-").FullName;

    public override IPersistenceStore Open(string database) => new SqliteJournal(Options(database));

    public SqliteJournalOptions Options(string database) => new() { Path = System.IO.Path.Combine(Directory, database + ".db") };

    public override bool IsDurable => true;

    public override bool SharesDatabase => true;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        base.Dispose(disposing);
    }
}

public sealed class SqliteJournalContract(SqliteStoreFixture fixture) : Contract.JournalContract<SqliteStoreFixture>(fixture);

public sealed class SqliteEntityContract(SqliteStoreFixture fixture) : Contract.EntityContract<SqliteStoreFixture>(fixture);
