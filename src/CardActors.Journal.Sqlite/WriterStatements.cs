using Microsoft.Data.Sqlite;

namespace CardActors.Journal.Sqlite;

/// <summary>The writer connection's statements, prepared once and reused for every batch.</summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly List<SqliteStatement> _all = [];
    private readonly SqliteConnection _connection;

    public WriterStatements(SqliteConnection connection)
    {
        _connection = connection;
        try
        {
            Begin = Prepare("BEGIN IMMEDIATE");
            Commit = Prepare("COMMIT");
            Rollback = Prepare("ROLLBACK");
            DataVersion = Prepare("PRAGMA data_version");
            EntityHighest = Prepare("SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = ?1");
            ShardHighest = Prepare("SELECT MAX(shard_sequence_nr) FROM journal WHERE shard_id = ?1");
            InsertEvent = Prepare("""
                INSERT INTO journal (persistence_id, sequence_nr, shard_id, shard_sequence_nr, written_at, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """);
            UpsertSnapshot = Prepare("""
                INSERT INTO snapshots (persistence_id, sequence_nr, written_at, payload) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (persistence_id) DO UPDATE
                SET sequence_nr = excluded.sequence_nr, written_at = excluded.written_at, payload = excluded.payload
                WHERE excluded.sequence_nr >= snapshots.sequence_nr
                """);
            UpsertReminder = Prepare("""
                INSERT INTO reminders (persistence_id, shard_id, due_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (persistence_id) DO UPDATE SET shard_id = excluded.shard_id, due_at = excluded.due_at
                """);
            DeleteReminder = Prepare("DELETE FROM reminders WHERE persistence_id = ?1");
            UpsertOffset = Prepare("""
                INSERT INTO pipeline_offsets (pipeline, shard_id, "offset") VALUES (?1, ?2, ?3)
                ON CONFLICT (pipeline, shard_id) DO UPDATE SET "offset" = excluded."offset"
                """);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public SqliteStatement Begin { get; }

    public SqliteStatement Commit { get; }

    public SqliteStatement Rollback { get; }

    public SqliteStatement DataVersion { get; }

    public SqliteStatement EntityHighest { get; }

    public SqliteStatement ShardHighest { get; }

    public SqliteStatement InsertEvent { get; }

    public SqliteStatement UpsertSnapshot { get; }

    public SqliteStatement UpsertReminder { get; }

    public SqliteStatement DeleteReminder { get; }

    public SqliteStatement UpsertOffset { get; }

    public void Dispose()
    {
        foreach (var statement in _all)
        {
            statement.Dispose();
        }

        _all.Clear();
    }

    private SqliteStatement Prepare(string sql)
    {
        var statement = new SqliteStatement(_connection, sql);
        _all.Add(statement);
        return statement;
    }
}
