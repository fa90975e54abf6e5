namespace CardActors.Journal.Sqlite;

/// <summary>
/// Kept in <see cref="CardActors.Runtime.Persistence.JournalWrite.StoreHandle"/>: the entity's highest
/// stored sequence number as the writer knows it, so that the conflict check of a steady writer
/// reads nothing. Valid only while <see cref="Generation"/> matches the writer's: any doubt (a failed
/// batch, another connection's commit) starts a new generation and the number is read again.
/// </summary>
internal sealed class EntityHandle(SqliteBatchWriter writer, string persistenceId)
{
    public SqliteBatchWriter Writer { get; } = writer;

    public string PersistenceId { get; } = persistenceId;

    public long Generation { get; set; } = -1;

    public long HighestSequenceNr { get; set; }
}
