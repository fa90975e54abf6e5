using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using CardActors.Iso8583;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// An acquirer's TCP connection to the gateway: sends frames, reads answers in the background and
/// hands each to whoever waits for its terminal + STAN (answers may come in any order), or to
/// <see cref="NextUnmatchedAsync"/> when nobody does. <see cref="Closed"/> completes when the
/// gateway closes the connection.
/// </summary>
internal sealed class PosConnection : IAsyncDisposable
{
    /// <summary>How long a test waits for anything before calling it a hang.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Dictionary<(string, int), Queue<TaskCompletionSource<IsoAnswer>>> _waiting = [];
    private readonly Channel<IsoAnswer> _unmatched = Channel.CreateUnbounded<IsoAnswer>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Task _reading;

    private PosConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reading = Task.Run(ReadLoopAsync);
    }

    /// <summary>Completes when the gateway has closed (or reset) the connection.</summary>
    public Task Closed => _closed.Task;

    public static async Task<PosConnection> OpenAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint).WaitAsync(HangGuard);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new PosConnection(socket);
    }

    /// <summary>Sends <paramref name="request"/> and waits for the answer carrying its terminal and STAN.</summary>
    public async Task<IsoAnswer> ExchangeAsync(PosRequest request)
    {
        var answer = Expect(request.TerminalId, request.Stan);
        await SendAsync(request.Frame);
        return await answer.WaitAsync(HangGuard);
    }

    /// <summary>Registers for the next answer with this terminal + STAN; call before sending.</summary>
    public Task<IsoAnswer> Expect(string terminalId, int stan)
    {
        var waiter = new TaskCompletionSource<IsoAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            if (_closed.Task.IsCompleted)
            {
                waiter.SetException(new IOException("The gateway closed the connection."));
                return waiter.Task;
            }

            if (!_waiting.TryGetValue((terminalId, stan), out var queue))
            {
                _waiting[(terminalId, stan)] = queue = new Queue<TaskCompletionSource<IsoAnswer>>();
            }

            queue.Enqueue(waiter);
        }

        return waiter.Task;
    }

    /// <summary>Writes raw bytes as they are: frames, parts of frames, or garbage.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sending.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes).AsTask().WaitAsync(HangGuard);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next answer nobody waited for (e.g. a format error without 41 or 11).</summary>
    public async Task<IsoAnswer> NextUnmatchedAsync() => await _unmatched.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>The next answer nobody waited for, or null once the gateway has closed the connection and every answer was taken.</summary>
    public async Task<IsoAnswer?> NextUnmatchedOrClosedAsync()
    {
        var reader = _unmatched.Reader;
        return await reader.WaitToReadAsync().AsTask().WaitAsync(HangGuard) && reader.TryRead(out var answer) ? answer : null;
    }

    /// <summary>Whether an unmatched answer is already there (does not wait).</summary>
    public bool TryTakeUnmatched(out IsoAnswer answer) => _unmatched.Reader.TryRead(out answer!);

    private async Task ReadLoopAsync()
    {
        var header = new byte[Iso8583Framing.HeaderLength];
        try
        {
            while (await ReadExactlyAsync(header))
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(header);
                var body = new byte[length];
                if (!await ReadExactlyAsync(body))
                {
                    break;
                }

                Deliver(new IsoAnswer(body));
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_waiting)
            {
                _closed.TrySetResult();
                foreach (var waiter in _waiting.Values.SelectMany(q => q))
                {
                    waiter.TrySetException(new IOException("The gateway closed the connection before answering."));
                }

                _waiting.Clear();
            }

            _unmatched.Writer.TryComplete();
        }
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private void Deliver(IsoAnswer answer)
    {
        TaskCompletionSource<IsoAnswer>? waiter = null;
        if (answer is { TerminalId: { } terminal, Stan: { } stan })
        {
            lock (_waiting)
            {
                if (_waiting.TryGetValue((terminal, stan), out var queue))
                {
                    waiter = queue.Dequeue();
                    if (queue.Count == 0)
                    {
                        _waiting.Remove((terminal, stan));
                    }
                }
            }
        }

        if (waiter is not null)
        {
            waiter.SetResult(answer);
        }
        else
        {
            _unmatched.Writer.TryWrite(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _socket.Dispose();
        await _reading;
        await _stream.DisposeAsync();
        _sending.Dispose();
    }
}
