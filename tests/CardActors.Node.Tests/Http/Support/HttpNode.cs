using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests.Http.Support;

/// <summary>One node (SQLite journal) shared by the tests of a class; every test sets up its own ids.</summary>
public sealed class HttpNode : IAsyncLifetime
{
    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public ApiClient Api { get; private set; } = null!;

    public Estate Estate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        Api = new ApiClient(() => Node.Http);
        Estate = new Estate(Api);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
