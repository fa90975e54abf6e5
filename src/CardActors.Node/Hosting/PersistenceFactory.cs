using CardActors.Journal.Sqlite;
using CardActors.Runtime.Persistence;

namespace CardActors.Node.Hosting;

/// <summary>Opens the store the configuration names; the node initializes (creates or migrates) it.</summary>
internal static class PersistenceFactory
{
    public static IPersistenceStore Open(JournalOptions options, TimeProvider time) => options.Kind switch
    {
        "memory" => new InMemoryJournal(),
        "sqlite" => OpenSqlite(options, time),
        _ => throw new InvalidOperationException($"CardActors:Journal:Kind: '{options.Kind}' is not available in this build."),
    };

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
