namespace CardActors.Journal.Postgres;

/// <summary>
/// The store's statements, qualified with its schema once so that no statement text is built per
/// call (the same text is what lets a connection keep the statement prepared).
/// </summary>
internal sealed class PostgresSql(string schema)
{
    public const string JournalColumns = "persistence_id, sequence_nr, shard_id, shard_sequence_nr, written_at, payload";

    public string Schema { get; } = schema;

    public string CopyJournal { get; } = $"COPY {schema}.journal ({JournalColumns}) FROM STDIN (FORMAT BINARY)";

    public string InsertJournal { get; } = $"""
        INSERT INTO {schema}.journal ({JournalColumns})
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::bigint[], $5::timestamptz[], $6::bytea[])
        """;

    /// <summary>A late snapshot older than the stored one is ignored.</summary>
    public string UpsertSnapshots { get; } = $"""
        INSERT INTO {schema}.snapshots (persistence_id, sequence_nr, written_at, payload)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::bytea[])
        ON CONFLICT (persistence_id) DO UPDATE
        SET sequence_nr = excluded.sequence_nr, written_at = excluded.written_at, payload = excluded.payload
        WHERE {schema}.snapshots.sequence_nr <= excluded.sequence_nr
        """;

    public string UpsertReminders { get; } = $"""
        INSERT INTO {schema}.reminders (persistence_id, shard_id, due_at)
        SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[])
        ON CONFLICT (persistence_id) DO UPDATE SET shard_id = excluded.shard_id, due_at = excluded.due_at
        """;

    public string DeleteReminders { get; } = $"DELETE FROM {schema}.reminders WHERE persistence_id = ANY($1::text[])";

    /// <summary>Highest stored sequence number of each listed entity (0 when it has none), by list position.</summary>
    public string EntityHighest { get; } = $"""
        SELECT t.i, COALESCE((SELECT max(j.sequence_nr) FROM {schema}.journal j WHERE j.persistence_id = t.p), 0)
        FROM unnest($1::text[]) WITH ORDINALITY AS t(p, i)
        """;

    /// <summary>Highest stored shard sequence number of each listed shard (0 when it has none).</summary>
    public string ShardHighest { get; } = $"""
        SELECT t.s, COALESCE((SELECT max(j.shard_sequence_nr) FROM {schema}.journal j WHERE j.shard_id = t.s), 0)
        FROM unnest($1::int[]) AS t(s)
        """;

    public string Replay { get; } = $"""
        SELECT sequence_nr, payload FROM {schema}.journal
        WHERE persistence_id = $1 AND sequence_nr >= $2 ORDER BY sequence_nr LIMIT $3
        """;

    /// <summary>
    /// Recovery of a list of entities in one round trip, by list position: an entity's snapshot
    /// (kind 0) first, if it has one, then up to $2 of the events after it (kind 1), in order.
    /// </summary>
    public string Recover { get; } = $"""
        WITH wanted AS (
            SELECT w.i, w.p, s.sequence_nr AS snapshot_nr, s.payload AS snapshot
            FROM unnest($1::text[]) WITH ORDINALITY AS w(p, i)
            LEFT JOIN {schema}.snapshots s ON s.persistence_id = w.p
        )
        SELECT i, 0 AS kind, snapshot_nr, snapshot FROM wanted WHERE snapshot_nr IS NOT NULL
        UNION ALL
        SELECT w.i, 1, e.sequence_nr, e.payload FROM wanted w
        CROSS JOIN LATERAL (
            SELECT j.sequence_nr, j.payload FROM {schema}.journal j
            WHERE j.persistence_id = w.p AND j.sequence_nr > COALESCE(w.snapshot_nr, 0)
            ORDER BY j.sequence_nr LIMIT $2
        ) e
        ORDER BY 1, 2, 3
        """;

    public string Highest { get; } = $"SELECT COALESCE(max(sequence_nr), 0) FROM {schema}.journal WHERE persistence_id = $1";

    public string ReadShard { get; } = $"""
        SELECT shard_sequence_nr, persistence_id, sequence_nr, written_at, payload FROM {schema}.journal
        WHERE shard_id = $1 AND shard_sequence_nr > $2 ORDER BY shard_sequence_nr LIMIT $3
        """;

    public string LoadSnapshot { get; } = $"SELECT sequence_nr, written_at, payload FROM {schema}.snapshots WHERE persistence_id = $1";

    public string ReadDue { get; } = $"""
        SELECT persistence_id, shard_id, due_at FROM {schema}.reminders
        WHERE due_at <= $1 ORDER BY due_at, persistence_id LIMIT $2
        """;

    public string ReadOffset { get; } = $"""SELECT "offset" FROM {schema}.pipeline_offsets WHERE pipeline = $1 AND shard_id = $2""";

    public string CommitOffset { get; } = $"""
        INSERT INTO {schema}.pipeline_offsets (pipeline, shard_id, "offset") VALUES ($1, $2, $3)
        ON CONFLICT (pipeline, shard_id) DO UPDATE SET "offset" = excluded."offset"
        """;
}
