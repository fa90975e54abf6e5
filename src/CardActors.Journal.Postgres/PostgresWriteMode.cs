namespace CardActors.Journal.Postgres;

/// <summary>How a batch's events reach the journal table. Every mode writes one transaction per batch.</summary>
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

    /// <summary>
    /// INSERT for a batch of fewer events than <see cref="PostgresJournalOptions.CopyFromEvents"/>,
    /// COPY for a larger one. A small batch is a lightly loaded node, where the latency of each
    /// commit is what its requests wait for and COPY's second round trip shows in every answer; a
    /// large batch is a loaded node, where the cost per row decides the throughput.
    /// </summary>
    Adaptive,
}
