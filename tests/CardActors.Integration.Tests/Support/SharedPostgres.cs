using Npgsql;

namespace CardActors.Integration.Tests.Support;

/// <summary>The PostgreSQL server ./test.sh sets up (CARDACTORS_PG), with a schema per test that is dropped afterwards.</summary>
internal sealed class SharedPostgres : IAsyncDisposable
{
    private SharedPostgres(string connectionString, string schema)
    {
        ConnectionString = connectionString;
        Schema = schema;
    }

    public string ConnectionString { get; }

    public string Schema { get; }

    public static SharedPostgres CreateSchema(string prefix)
    {
        var connection = Environment.GetEnvironmentVariable("CARDACTORS_PG");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("CARDACTORS_PG is not set: run ./test.sh, or run scripts/postgres.sh (as root) and export the connection string it prints.");
        }

        return new SharedPostgres(connection, prefix + "_" + Guid.NewGuid().ToString("N")[..12]);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
