using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CardActors.Journal.Sqlite;

/// <summary>Opens the store's connections with the settings every one of them needs.</summary>
internal static class SqliteConnections
{
    /// <summary>
    /// The single writer: WAL, so readers run beside it; <c>synchronous=FULL</c>, so a committed
    /// batch has been fsynced (money). Throughput comes from batching, not from weaker durability.
    /// </summary>
    public static SqliteConnection OpenWriter(SqliteJournalOptions options)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = Open(options, SqliteOpenMode.ReadWriteCreate);
        try
        {
            var mode = Scalar(connection, "PRAGMA journal_mode=WAL");
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {options.Path} (it reports '{mode}'); the journal needs WAL.");
            }

            Pragmas(connection, options.WriterCacheKiB,
                "PRAGMA synchronous=FULL",
                $"PRAGMA wal_autocheckpoint={options.CheckpointPages.ToString(CultureInfo.InvariantCulture)}",
                "PRAGMA journal_size_limit=134217728"); // the WAL shrinks back to 128 MiB after a checkpoint
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A reader: the same file, refusing writes so that a mistake cannot bypass the single writer.</summary>
    public static SqliteConnection OpenReader(SqliteJournalOptions options)
    {
        var connection = Open(options, SqliteOpenMode.ReadWrite);
        try
        {
            Pragmas(connection, options.ReaderCacheKiB, "PRAGMA query_only=1");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection Open(SqliteJournalOptions options, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // the store keeps its own connections; closing one must release the file
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var busy = (long)options.BusyTimeout.TotalMilliseconds;
            Scalar(connection, "PRAGMA busy_timeout=" + busy.ToString(CultureInfo.InvariantCulture));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Pragmas(SqliteConnection connection, int cacheKiB, params string[] pragmas)
    {
        Scalar(connection, "PRAGMA cache_size=-" + cacheKiB.ToString(CultureInfo.InvariantCulture));
        foreach (var pragma in pragmas)
        {
            Scalar(connection, pragma);
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
