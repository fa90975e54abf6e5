namespace CardActors.Journal.Postgres;

/// <summary>How a batch's events reach the journal table. Both write one transaction per batch.</summary>
public enum PostgresWriteMode
{
    /// <summary>
    /// Binary COPY straight into the journal table: the least server work per row. A batch that
    /// carries snapshots or reminders wraps the COPY and their statements in one transaction.
    /// </summary>
    Copy,

    /// <summary>
    /// One multi-row INSERT from array parameters (unnest), sent with the snapshot and reminder
    /// statements as one pipelined batch: one round trip per batch whatever it carries.
    /// </summary>
    Insert,
}
