using CardActors.Journal.Postgres;

namespace CardActors.Journal.Tests.Postgres;

/// <summary>
/// Schemas for one test class: each store a test opens gets a schema under the class's own prefix,
/// and every store and schema is gone when the class's instance is disposed.
/// </summary>
public sealed class PostgresScope : IAsyncDisposable
{
    private readonly List<PostgresJournal> _stores = [];

    public string Prefix { get; } = PostgresTestServer.UniquePrefix();

    public string Schema(string name) => Prefix + "_" + name;

    public PostgresJournalOptions Options(string name, PostgresWriteMode mode = PostgresWriteMode.Copy, int partitions = 1) =>
        PostgresTestServer.Options(Schema(name), mode, partitions);

    public async Task<PostgresJournal> OpenAsync(string name, PostgresWriteMode mode = PostgresWriteMode.Copy, int partitions = 1) =>
        await OpenAsync(Options(name, mode, partitions));

    public async Task<PostgresJournal> OpenAsync(PostgresJournalOptions options)
    {
        var store = Track(new PostgresJournal(options));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Disposed with the scope (disposing a store twice is harmless).</summary>
    public PostgresJournal Track(PostgresJournal store)
    {
        _stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        PostgresTestServer.DropSchemas(Prefix);
    }
}
