using CardActors.Journal.Postgres;
using Npgsql;

namespace CardActors.Benchmarks.JournalPg;

/// <summary>A schema of the benchmark's own, empty at the start of a case and dropped after it.</summary>
internal sealed class BenchSchema : IAsyncDisposable
{
    private readonly string _connectionString;

    private BenchSchema(string connectionString, string name)
    {
        _connectionString = connectionString;
        Name = name;
    }

    public string Name { get; }

    public static async Task<BenchSchema> CreateAsync(string connectionString, string name)
    {
        var schema = new BenchSchema(connectionString, name);
        await schema.DropAsync();
        return schema;
    }

    public PostgresJournalOptions Options(PostgresWriteMode mode, int partitions) => new()
    {
        ConnectionString = _connectionString,
        Schema = Name,
        WriteMode = mode,
        Partitions = partitions,
        ApplicationName = "cardactors-bench",
    };

    private async Task DropAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
