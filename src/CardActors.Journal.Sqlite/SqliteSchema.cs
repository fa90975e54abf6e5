using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CardActors.Journal.Sqlite;

/// <summary>
/// The schema and its migrations. Each migration runs once, in its own write transaction, and is
/// recorded in <c>schema_version</c>; a node that starts finds what is done and applies the rest, so
/// starting twice, or two processes starting together, is harmless. Migrations are append-only:
/// a released one is never edited, a change is a new one.
/// </summary>
internal static class SqliteSchema
{
    /// <remarks>
    /// The journal is an ordinary rowid table: its rows then go to the end of the table in arrival
    /// order and only the narrow key indexes take random inserts. Measured with random entity keys,
    /// WITHOUT ROWID (rows clustered by key) wrote about half as many events per second, since every
    /// event then dirties a page of wide rows.
    /// </remarks>
    private static readonly string[][] Migrations =
    [
        [
            """
            CREATE TABLE journal (
                persistence_id    TEXT    NOT NULL,
                sequence_nr       INTEGER NOT NULL,
                shard_id          INTEGER NOT NULL,
                shard_sequence_nr INTEGER NOT NULL,
                written_at        INTEGER NOT NULL, -- UTC ticks (100 ns since 0001-01-01)
                payload           BLOB    NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            )
            """,
            "CREATE UNIQUE INDEX journal_by_shard ON journal (shard_id, shard_sequence_nr)",
            """
            CREATE TABLE snapshots (
                persistence_id TEXT    NOT NULL PRIMARY KEY,
                sequence_nr    INTEGER NOT NULL,
                written_at     INTEGER NOT NULL, -- UTC ticks
                payload        BLOB    NOT NULL
            )
            """,
            """
            CREATE TABLE reminders (
                persistence_id TEXT    NOT NULL PRIMARY KEY,
                shard_id       INTEGER NOT NULL,
                due_at         INTEGER NOT NULL -- UTC ticks
            ) WITHOUT ROWID
            """,
            "CREATE INDEX reminders_by_due_at ON reminders (due_at, persistence_id)",
            """
            CREATE TABLE pipeline_offsets (
                pipeline TEXT    NOT NULL,
                shard_id INTEGER NOT NULL,
                "offset" INTEGER NOT NULL, -- the last shard_sequence_nr the pipeline has processed
                PRIMARY KEY (pipeline, shard_id)
            ) WITHOUT ROWID
            """,
        ],
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; returns the version it had before.</summary>
    public static int Migrate(SqliteConnection connection, DateTimeOffset now)
    {
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER NOT NULL PRIMARY KEY,
                applied_at INTEGER NOT NULL -- UTC ticks
            )
            """);
        var before = -1;
        while (true)
        {
            // IMMEDIATE takes the write lock before reading the version, so two processes starting
            // together cannot both apply the same migration.
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = CurrentVersion(connection, transaction);
            if (before < 0)
            {
                before = version;
            }

            if (version > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database has schema version {version}, newer than this build knows ({LatestVersion}); upgrade the node.");
            }

            if (version == LatestVersion)
            {
                transaction.Commit();
                return before;
            }

            foreach (var statement in Migrations[version])
            {
                Execute(connection, transaction, statement);
            }

            Execute(connection, transaction,
                "INSERT INTO schema_version (version, applied_at) VALUES (" +
                (version + 1).ToString(CultureInfo.InvariantCulture) + ", " +
                now.UtcTicks.ToString(CultureInfo.InvariantCulture) + ")");
            transaction.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
