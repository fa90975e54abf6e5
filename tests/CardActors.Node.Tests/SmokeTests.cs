using System.Net;
using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task A_node_starts_on_free_loopback_ports_and_is_ready()
    {
        await using var node = await TestNode.StartAsync();
        var ready = await node.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("127.0.0.1", node.IsoEndpoint.Address.ToString());
        Assert.NotEqual(0, node.IsoEndpoint.Port);
    }
}
