using CardActors.Node.Hosting;

namespace CardActors.Node.Api;

/// <summary>Cluster status for operators: the node-to-node transport and the peers connected to it.</summary>
internal static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this IEndpointRouteBuilder app, Func<string?> listen)
    {
        app.MapGet("/cluster/transport", (CardActorsNode node) =>
            {
                var transport = node.Transport;
                return Results.Json(new TransportStatusDocument(
                    transport.Local.NodeId, transport.Local.Incarnation, listen(), [.. transport.Recipients.Names],
                    [.. transport.Peers.Select(p => new TransportPeerDocument(p.Peer.NodeId, p.Peer.Incarnation, p.Remote))]), ApiJson.Default.TransportStatusDocument);
            })
            .WithTags("Cluster").Produces<TransportStatusDocument>();
    }
}
