using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Stores;

/// <summary>
/// In-memory stores by database name: opening a name again returns the same store, the in-process
/// equivalent of reopening a database file, so the reopen and two-writer cases run here too.
/// </summary>
public sealed class InMemoryStoreFixture : JournalStoreFixture
{
    private readonly Dictionary<string, InMemoryJournal> _databases = new(StringComparer.Ordinal);

    public override IPersistenceStore Open(string database)
    {
        lock (_databases)
        {
            if (!_databases.TryGetValue(database, out var store))
            {
                store = new InMemoryJournal();
                _databases.Add(database, store);
            }

            return store;
        }
    }

    public override bool IsDurable => true;

    public override bool SharesDatabase => true;
}

public sealed class InMemoryJournalContract(InMemoryStoreFixture fixture) : Contract.JournalContract<InMemoryStoreFixture>(fixture);

public sealed class InMemoryEntityContract(InMemoryStoreFixture fixture) : Contract.EntityContract<InMemoryStoreFixture>(fixture);
