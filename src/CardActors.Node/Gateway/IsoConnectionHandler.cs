using Microsoft.AspNetCore.Connections;

namespace CardActors.Node.Gateway;

/// <summary>
/// Kestrel's entry point for the ISO 8583 listener: enforces the connection limit and runs each
/// connection. Kestrel creates it while the host is built, before the node has started, so the
/// processor is resolved on the first connection.
/// </summary>
internal sealed class IsoConnectionHandler(IServiceProvider services) : ConnectionHandler
{
    private IsoProcessor? _processor;
    private int _open;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var processor = _processor ??= services.GetRequiredService<IsoProcessor>();
        var open = Interlocked.Increment(ref _open);
        try
        {
            if (open > processor.Options.MaxConnections)
            {
                GatewayLog.ConnectionRefused(processor.Log, open - 1, processor.Options.MaxConnections);
                connection.Abort();
                return;
            }

            GatewayMetrics.Connections.Add(1);
            try
            {
                using var session = new IsoConnection(connection, processor);
                await session.RunAsync();
            }
            finally
            {
                GatewayMetrics.Connections.Add(-1);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
