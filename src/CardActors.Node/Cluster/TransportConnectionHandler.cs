using CardActors.Runtime.Remoting;
using Microsoft.AspNetCore.Connections;

namespace CardActors.Node.Cluster;

/// <summary>
/// Kestrel's entry point for the cluster transport listener. Created while the host is built, before
/// the node has started, so the node's listener is resolved on the first connection.
/// </summary>
internal sealed class TransportConnectionHandler(IServiceProvider services) : ConnectionHandler
{
    private TransportListener? _listener;

    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        var listener = _listener ??= services.GetRequiredService<Hosting.CardActorsNode>().Transport;
        return listener.ServeAsync(connection.Transport, connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId, connection.ConnectionClosed);
    }
}
