namespace CardActors.Journal.Postgres;

/// <summary>
/// Kept in <see cref="CardActors.Runtime.Persistence.JournalWrite.StoreHandle"/>: the entity's
/// highest stored sequence number as its partition knows it, so that a steady writer checks
/// fencing without reading. It never runs ahead of the table (raised only after a commit; any
/// failure of unknown outcome starts a new generation, which forgets it) but it can lag one, when
/// another node wrote the entity; the primary key then refuses the write and the number is read.
/// </summary>
internal sealed class EntityHandle(PartitionWriter writer, string persistenceId)
{
    public PartitionWriter Writer { get; } = writer;

    public string PersistenceId { get; } = persistenceId;

    /// <summary>The partition's generation in which <see cref="HighestSequenceNr"/> was learnt; a stale one means unknown.</summary>
    public long Generation { get; set; } = -1;

    public long HighestSequenceNr { get; set; }
}
