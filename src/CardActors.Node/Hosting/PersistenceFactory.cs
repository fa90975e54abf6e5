using CardActors.Journal.Postgres;
using CardActors.Journal.Sqlite;
using CardActors.Runtime.Persistence;

namespace CardActors.Node.Hosting;

/// <summary>Opens the store the configuration names, with its journal partitions; the node initializes (creates or migrates) it.</summary>
internal static class PersistenceFactory
{
    public static (IPersistenceStore Store, IReadOnlyList<IJournal> Partitions) Open(JournalOptions options, TimeProvider time)
    {
        switch (options.Kind)
        {
            case "memory":
                var memory = new InMemoryJournal();
                return (memory, [memory]);
            case "sqlite":
                var sqlite = OpenSqlite(options, time);
                return (sqlite, [sqlite]);
            case "postgres":
                var postgres = new PostgresJournal(new PostgresJournalOptions
                {
                    ConnectionString = options.PostgresConnectionString,
                    Schema = options.PostgresSchema,
                    Partitions = options.Partitions,
                    SmallBatchWrites = options.PostgresSmallBatchWrites,
                    WriteMode = options.PostgresWriteMode switch
                    {
                        "insert" => PostgresWriteMode.Insert,
                        "copy" => PostgresWriteMode.Copy,
                        _ => PostgresWriteMode.Adaptive,
                    },
                    CopyFromEvents = options.PostgresCopyFromEvents,
                });
                return (postgres, postgres.Partitions);
            default:
                throw new InvalidOperationException($"CardActors:Journal:Kind: '{options.Kind}' is not one of sqlite, postgres, memory.");
        }
    }

    private static SqliteJournal OpenSqlite(JournalOptions options, TimeProvider time)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.SqlitePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteJournal(new SqliteJournalOptions { Path = options.SqlitePath }, time);
    }
}
