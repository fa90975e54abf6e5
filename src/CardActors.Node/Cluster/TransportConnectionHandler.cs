using CardActors.Runtime.Remoting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace CardActors.Node.Cluster;

/// <summary>
/// Kestrel's entry point for the cluster transport listener. Created while the host is built, before
/// the node has started, so the node's listener is resolved on the first connection.
/// </summary>
internal sealed class TransportConnectionHandler(IServiceProvider services) : ConnectionHandler
{
    private TransportListener? _listener;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var node = services.GetRequiredService<Hosting.CardActorsNode>();
        var listener = _listener ??= node.Transport;

        // Kestrel asks its connections to close when the node stops; a peer's connection ends then,
        // and the peer reconnects to whichever node serves next.
        var closing = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, closing, node.Lifetime);
        await listener.ServeAsync(connection.Transport, connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId, ended.Token);
    }
}
