using System.Globalization;
using Npgsql;

namespace CardActors.Journal.Postgres;

/// <summary>
/// The schema and its migrations. All of it runs in one transaction that first takes an advisory
/// lock named after the schema, so nodes starting together apply each migration once and the
/// others find it done. Each applied migration is recorded in <c>schema_version</c>. Migrations are
/// append-only: a released one is never edited, a change is a new one.
/// </summary>
internal static class PostgresSchema
{
    /// <remarks>
    /// Entity ids compare bytewise (COLLATE "C"): the key index then costs a memcmp per comparison,
    /// not a locale comparison, and ids sort as the other stores sort them (ordinal). The shard
    /// index is unique: two nodes that both believe they own a shard cannot give two events one
    /// shard position; the later one fails and takes the next numbers instead.
    /// </remarks>
    private static readonly Func<string, string[]>[] Migrations =
    [
        s =>
        [
            $"""
            CREATE TABLE {s}.journal (
                persistence_id    text COLLATE "C" NOT NULL,
                sequence_nr       bigint      NOT NULL,
                shard_id          int         NOT NULL,
                shard_sequence_nr bigint      NOT NULL,
                written_at        timestamptz NOT NULL,
                payload           bytea       NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            )
            """,
            $"CREATE UNIQUE INDEX journal_by_shard ON {s}.journal (shard_id, shard_sequence_nr)",
            $"""
            CREATE TABLE {s}.snapshots (
                persistence_id text COLLATE "C" NOT NULL PRIMARY KEY,
                sequence_nr    bigint      NOT NULL,
                written_at     timestamptz NOT NULL,
                payload        bytea       NOT NULL
            )
            """,
            $"""
            CREATE TABLE {s}.reminders (
                persistence_id text COLLATE "C" NOT NULL PRIMARY KEY,
                shard_id       int         NOT NULL,
                due_at         timestamptz NOT NULL
            )
            """,
            $"CREATE INDEX reminders_by_due_at ON {s}.reminders (due_at, persistence_id)",
            $"""
            CREATE TABLE {s}.pipeline_offsets (
                pipeline text COLLATE "C" NOT NULL,
                shard_id int    NOT NULL,
                "offset" bigint NOT NULL, -- the last shard_sequence_nr the pipeline has processed
                PRIMARY KEY (pipeline, shard_id)
            )
            """,
        ],
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the schema to <see cref="LatestVersion"/>; returns the version it had before.</summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('cardactors.schema.' || $1))", cancellationToken, schema).ConfigureAwait(false);
        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS {schema}.schema_version (
                version    int         NOT NULL PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken).ConfigureAwait(false);
        var before = await CurrentVersionAsync(connection, schema, cancellationToken).ConfigureAwait(false);
        if (before > LatestVersion)
        {
            throw new InvalidOperationException(
                $"Schema {schema} has version {before}, newer than this build knows ({LatestVersion}); upgrade the node.");
        }

        for (var version = before; version < LatestVersion; version++)
        {
            foreach (var statement in Migrations[version](schema))
            {
                await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, $"INSERT INTO {schema}.schema_version (version) VALUES ({(version + 1).ToString(CultureInfo.InvariantCulture)})",
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return before;
    }

    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT COALESCE(max(version), 0) FROM {schema}.schema_version", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, string? argument = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (argument is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = argument });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
