using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>One node per test class; each test provisions an estate of its own on it.</summary>
public sealed class IsoNodeFixture : IAsyncLifetime
{
    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
