using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CardActors.Runtime.Remoting;

namespace CardActors.Runtime.Tests.Remoting;

/// <summary>
/// Accepts connections on 127.0.0.1 and hands each to a <see cref="TransportListener"/>, as the
/// node's Kestrel connection handler does. Disposing it closes the port and every connection.
/// </summary>
internal sealed class LoopbackTransportServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Socket Socket, Task Serving)> _connections = [];
    private readonly Task _accepting;

    public LoopbackTransportServer(TransportListener transport, int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync(transport);
    }

    public IPEndPoint EndPoint { get; }

    private async Task AcceptAsync(TransportListener transport)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var stream = new NetworkStream(socket, ownsSocket: false);
            var pipe = new Pipe(PipeReader.Create(stream), PipeWriter.Create(stream));
            var serving = transport.ServeAsync(pipe, socket.RemoteEndPoint!.ToString()!, _stop.Token);
            lock (_connections)
            {
                _connections.Add((socket, serving));
            }

            _ = serving.ContinueWith(_ => socket.Dispose(), TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        List<(Socket Socket, Task Serving)> connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        foreach (var (socket, _) in connections)
        {
            socket.Dispose();
        }

        await Task.WhenAll(connections.Select(c => c.Serving));
        _stop.Dispose();
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
