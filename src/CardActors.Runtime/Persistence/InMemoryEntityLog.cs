namespace CardActors.Runtime.Persistence;

/// <summary>
/// An entity in the in-memory journal: two numbers and a name. Its events are chained back from
/// <see cref="Last"/> through their headers. Guarded by the lock of the stripe it began in.
/// </summary>
internal sealed class InMemoryEntityLog(InMemoryJournal journal, string persistenceId, int index, int stripe)
{
    public InMemoryJournal Journal { get; } = journal;

    public string PersistenceId { get; } = persistenceId;

    public int Index { get; } = index;

    public int Stripe { get; } = stripe;

    public long Count { get; set; }

    /// <summary>Position of the latest event.</summary>
    public long Last { get; set; } = -1;
}
