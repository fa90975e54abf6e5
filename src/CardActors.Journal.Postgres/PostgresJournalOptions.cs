using System.Text.RegularExpressions;
using Npgsql;

namespace CardActors.Journal.Postgres;

/// <summary>Settings of the PostgreSQL store; <see cref="Validate"/> names the field at fault.</summary>
public sealed partial record PostgresJournalOptions
{
    /// <summary>An Npgsql connection string (host, port, database, user, password). Timeouts and pooling are set from the fields below.</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>The schema that holds the store's tables; created when missing. Lower-case letters, digits and underscores.</summary>
    public string Schema { get; init; } = "cardactors";

    /// <summary>How long opening a connection may take before the store reports itself unavailable (whole seconds, as PostgreSQL counts).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one statement may run before the store reports itself unavailable (whole seconds).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Journal partitions: independent group-commit writers, each with its own connection, one batch
    /// in flight each. The kernel sends shard s to partition s mod Partitions. Several let one
    /// partition build its batch while another waits for its commit; two measured fastest on two
    /// cores (docs/benchmarks.md).
    /// </summary>
    public int Partitions { get; init; } = 2;

    /// <summary>
    /// Batches of fewer writes than this take turns across the partitions, one in flight at a time,
    /// so that a modest load makes one commit where it would make one per partition; larger batches
    /// are written side by side. 0: every batch goes at once (docs/benchmarks.md).
    /// </summary>
    public int SmallBatchWrites { get; init; } = 256;

    /// <summary>How batches are sent; see <see cref="PostgresWriteMode"/> and docs/benchmarks.md.</summary>
    public PostgresWriteMode WriteMode { get; init; } = PostgresWriteMode.Adaptive;

    /// <summary>
    /// With <see cref="PostgresWriteMode.Adaptive"/>, a batch of at least this many events goes by
    /// COPY, a smaller one by INSERT (measured: INSERT is as fast or faster up to about 1,000 events
    /// a batch, COPY from a few thousand; docs/benchmarks.md).
    /// </summary>
    public int CopyFromEvents { get; init; } = 2_000;

    /// <summary>Events read per query when an entity is replayed, so that a long history never arrives as one result.</summary>
    public int ReplayChunkSize { get; init; } = 1_000;

    /// <summary>Most pooled connections for reads and offsets; the partition writers have a connection each, in a pool of their own.</summary>
    public int MaxReadConnections { get; init; } = 16;

    /// <summary>Shown in pg_stat_activity; lets an operator tell this store's sessions apart.</summary>
    public string ApplicationName { get; init; } = "cardactors";

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("must name a PostgreSQL server (Host=...;Database=...;Username=...)", nameof(ConnectionString));
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"is not a valid connection string: {exception.Message}", nameof(ConnectionString), exception);
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            throw new ArgumentException("must name a host", nameof(ConnectionString));
        }

        if (!SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException("must be 1-63 lower-case letters, digits or underscores, starting with a letter or underscore", nameof(Schema));
        }

        ThrowUnlessWholeSeconds(ConnectTimeout, nameof(ConnectTimeout));
        ThrowUnlessWholeSeconds(CommandTimeout, nameof(CommandTimeout));
        if (Partitions is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(Partitions), Partitions, "must be between 1 and 64");
        }

        if (!Enum.IsDefined(WriteMode))
        {
            throw new ArgumentOutOfRangeException(nameof(WriteMode), WriteMode, "must be Copy, Insert or Adaptive");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(SmallBatchWrites);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CopyFromEvents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ReplayChunkSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxReadConnections);
        if (string.IsNullOrWhiteSpace(ApplicationName) || ApplicationName.Length > 63)
        {
            throw new ArgumentException("must be 1-63 characters", nameof(ApplicationName));
        }
    }

    /// <summary>The connection string of one of the store's data sources, each a pool of its own.</summary>
    internal string EffectiveConnectionString(int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Timeout = (int)ConnectTimeout.TotalSeconds,
            CommandTimeout = (int)CommandTimeout.TotalSeconds,
            MaxPoolSize = maxPoolSize,
            ApplicationName = ApplicationName,

            // The store keeps no session state but its prepared statements, so there is nothing to
            // reset when a connection returns to the pool (a reset would cost a statement per read).
            NoResetOnClose = true,

            // Statements used twice on a connection are prepared there, and prepared again on a new
            // connection after the old one broke.
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
            WriteBufferSize = 64 * 1024,
            CancellationTimeout = 1_000,
        };

        // A minimum pool size in the given string must fit each pool (the writers' is small).
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, maxPoolSize);
        return builder.ConnectionString;
    }

    private static void ThrowUnlessWholeSeconds(TimeSpan value, string name)
    {
        if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromHours(1) || value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be whole seconds between 1 s and 1 h");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
