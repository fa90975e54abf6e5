namespace CardActors.Journal.Sqlite;

/// <summary>
/// Kept in <see cref="CardActors.Runtime.Persistence.JournalWrite.StoreHandle"/>: the entity's highest
/// stored sequence number as the writer knows it, so that the conflict check of a steady writer
/// reads nothing. It never runs ahead of the table (it is raised only by writes that commit, and a
/// failed batch starts a new generation) but it can lag one: another region writing the entity
/// through this store, or another connection committing. The writer re-reads it when in doubt.
/// </summary>
internal sealed class EntityHandle(SqliteBatchWriter writer, string persistenceId)
{
    public SqliteBatchWriter Writer { get; } = writer;

    public string PersistenceId { get; } = persistenceId;

    public long Generation { get; set; } = -1;

    public long HighestSequenceNr { get; set; }
}
