using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace CardActors.LoadGen.Iso;

/// <summary>
/// One TCP connection's lifetime: the socket, the outgoing pipe the scheduler writes into (a send
/// loop drains it to the socket, one send for everything written since the last), and the incoming
/// pipe the receive loop parses. A lost connection gets a new session.
/// </summary>
internal sealed class IsoSession
{
    private static readonly PipeOptions OutputOptions = new(
        minimumSegmentSize: 64 * 1024,

        // Never pause the writer: the scheduler must not wait on a socket. The queue is bounded
        // by the connection's byte limit instead, and requests beyond it are rejected.
        pauseWriterThreshold: 0,
        resumeWriterThreshold: 0,
        useSynchronizationContext: false);

    private int _aborted;

    private IsoSession(Socket socket, long connectedAt)
    {
        Socket = socket;
        Output = new Pipe(OutputOptions);
        Input = PipeReader.Create(new NetworkStream(socket, ownsSocket: false), new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true));
        LastReceived = connectedAt;
    }

    public Socket Socket { get; }

    public Pipe Output { get; }

    public PipeReader Input { get; }

    /// <summary>Bytes written to <see cref="Output"/> that the socket has not taken yet.</summary>
    public long QueuedBytes;

    /// <summary>1 while a socket send waits for room in the kernel's send buffer.</summary>
    public int SocketBlocked;

    /// <summary>When the last frame arrived (engine clock), for the idle echo test.</summary>
    public long LastReceived;

    public Task Sending { get; set; } = Task.CompletedTask;

    public Task Receiving { get; set; } = Task.CompletedTask;

    public static async Task<IsoSession> ConnectAsync(IsoTargetOptions options, long now, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (options.SocketSendBufferSize > 0)
            {
                socket.SendBufferSize = options.SocketSendBufferSize;
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(options.StartTimeout);
            await socket.ConnectAsync(new DnsEndPoint(options.Host, options.Port), attempt.Token);
            return new IsoSession(socket, now);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Closes the socket; both loops end and the connection reconnects. Idempotent, any thread.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer: closing is all that is left to do.
        }
        catch (ObjectDisposedException)
        {
            // Closed by a racing abort.
        }

        Socket.Dispose();
    }
}
