using CardActors.Runtime.Persistence;

namespace CardActors.Journal.Tests.Support;

/// <summary>Gives each test an initialized store on a database of its own, and disposes every store it opened.</summary>
public abstract class StoreTestBase<TFixture> : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : JournalStoreFixture
{
    private readonly List<IPersistenceStore> _opened = [];
    private IPersistenceStore? _store;

    protected StoreTestBase(TFixture fixture)
    {
        Fixture = fixture;
        Database = fixture.NewDatabaseName();
    }

    protected TFixture Fixture { get; }

    /// <summary>This test's database.</summary>
    protected string Database { get; }

    /// <summary>The store opened on <see cref="Database"/> before the test began.</summary>
    protected IPersistenceStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    /// <summary>Another initialized store instance, on this test's database unless told otherwise.</summary>
    protected async Task<IPersistenceStore> OpenAsync(string? database = null)
    {
        var store = Fixture.Open(database ?? Database);
        _opened.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Disposes a store early (a node stopping); disposing it again at the end is harmless.</summary>
    protected static async Task CloseAsync(IPersistenceStore store) => await store.DisposeAsync();

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }
}
