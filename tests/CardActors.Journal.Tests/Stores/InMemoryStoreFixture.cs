using CardActors.Journal.Tests.Support;
using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Stores;

public sealed class InMemoryStoreFixture : JournalStoreFixture
{
    public override IPersistenceStore Open(string database) => new InMemoryJournal();

    /// <summary>The kernel's in-memory store replaces a snapshot unconditionally.</summary>
    public override bool KeepsNewerSnapshot => false;
}

public sealed class InMemoryJournalContract(InMemoryStoreFixture fixture) : Contract.JournalContract<InMemoryStoreFixture>(fixture);

public sealed class InMemoryEntityContract(InMemoryStoreFixture fixture) : Contract.EntityContract<InMemoryStoreFixture>(fixture);
