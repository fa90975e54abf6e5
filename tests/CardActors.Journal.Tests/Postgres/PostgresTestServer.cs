using System.Globalization;
using CardActors.Journal.Postgres;
using Npgsql;

namespace CardActors.Journal.Tests.Postgres;

/// <summary>
/// The PostgreSQL server the tests use, named by <c>CARDACTORS_PG</c> (./test.sh sets it up and
/// exports it). Without it the PostgreSQL tests fail, saying how to get one: they are never skipped.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "CARDACTORS_PG";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run ./test.sh, or run scripts/postgres.sh (as root) and export {Variable} as the connection string it prints on its last line.");

    /// <summary>A schema name prefix no other test class or test run uses.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static PostgresJournalOptions Options(string schema, PostgresWriteMode mode = PostgresWriteMode.Copy, int partitions = 1) => new()
    {
        ConnectionString = ConnectionString,
        Schema = schema,
        WriteMode = mode,
        Partitions = partitions,
        ApplicationName = schema, // lets a test find this store's sessions and terminate them

        // Generous: many test classes open connections at once on a loaded machine, and a connection
        // refused (the fail-fast case) does not wait for it anyway.
        ConnectTimeout = TimeSpan.FromSeconds(30),
        CommandTimeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<PostgresJournal> OpenAsync(PostgresJournalOptions options)
    {
        var store = new PostgresJournal(options);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A connection of the test's own, outside any store.</summary>
    public static async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, ApplicationName = "cardactors-tests" }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ends every session of the store named <paramref name="applicationName"/> and waits until they are gone, as a server restart would.</summary>
    public static async Task<int> TerminateSessionsAsync(string applicationName)
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops every schema whose name starts with the prefix.</summary>
    public static void DropSchemas(string prefix)
    {
        using var connection = ConnectAsync().GetAwaiter().GetResult();
        using var list = new NpgsqlCommand("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)", connection);
        list.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
        var schemas = new List<string>();
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                schemas.Add(reader.GetString(0));
            }
        }

        foreach (var schema in schemas)
        {
            using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            drop.ExecuteNonQuery();
        }
    }
}
