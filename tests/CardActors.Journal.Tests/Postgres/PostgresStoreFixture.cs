using CardActors.Journal.Postgres;
using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Postgres;

/// <summary>
/// One schema per test (the contract's "database"), all under a prefix of this test class's own and
/// all dropped when the class is done, so that no run sees another's rows.
/// </summary>
public abstract class PostgresStoreFixture : JournalStoreFixture
{
    protected PostgresStoreFixture(PostgresWriteMode mode, int partitions)
    {
        _ = PostgresTestServer.ConnectionString; // fails every test of the class at once when there is no server
        Mode = mode;
        Partitions = partitions;
    }

    public string Prefix { get; } = PostgresTestServer.UniquePrefix();

    public PostgresWriteMode Mode { get; }

    public int Partitions { get; }

    public override IPersistenceStore Open(string database) => new PostgresJournal(Options(database));

    public PostgresJournalOptions Options(string database) => PostgresTestServer.Options(Prefix + "_" + database, Mode, Partitions);

    public override bool IsDurable => true;

    public override bool SharesDatabase => true;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            PostgresTestServer.DropSchemas(Prefix);
        }

        base.Dispose(disposing);
    }
}

/// <summary>The default configuration: binary COPY, one partition.</summary>
public sealed class PostgresCopyFixture() : PostgresStoreFixture(PostgresWriteMode.Copy, partitions: 1);

/// <summary>Multi-row INSERT, batches spread over three partitions.</summary>
public sealed class PostgresInsertFixture() : PostgresStoreFixture(PostgresWriteMode.Insert, partitions: 3);

public sealed class PostgresJournalTests(PostgresCopyFixture fixture) : Contract.JournalContract<PostgresCopyFixture>(fixture);

public sealed class PostgresEntityTests(PostgresCopyFixture fixture) : Contract.EntityContract<PostgresCopyFixture>(fixture);

public sealed class PostgresInsertModeJournalTests(PostgresInsertFixture fixture) : Contract.JournalContract<PostgresInsertFixture>(fixture);

public sealed class PostgresInsertModeEntityTests(PostgresInsertFixture fixture) : Contract.EntityContract<PostgresInsertFixture>(fixture);
