using CardActors.Iso8583;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Iso;

internal sealed partial class IsoConnection
{
    /// <summary>
    /// Writes one workload request into the connection's queue (the send loop puts it on the wire
    /// at the next <see cref="Flush"/>), or completes it at once when the connection is down or its
    /// queue is full. Never waits for the network. Scheduler thread.
    /// </summary>
    /// <returns>Whether the request was written and the connection needs a flush.</returns>
    public bool Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink, IsoTerminal terminal, int stan, long transmissionDateTime, in OriginalIdentifiers original)
    {
        TransportErrorKind failure;
        lock (_gate)
        {
            var session = _session;
            if (!_ready || session is null)
            {
                Interlocked.Increment(ref _counters.RejectedNoConnection);
                failure = TransportErrorKind.ConnectionFailed;
            }
            else if (Volatile.Read(ref session.QueuedBytes) > _options.MaxQueuedBytes)
            {
                Interlocked.Increment(ref _counters.RejectedQueueFull);
                failure = TransportErrorKind.SendRejected;
            }
            else
            {
                var local = _terminalsById[terminal.PackedId];
                var entry = new PendingEntry
                {
                    Key = PendingTable.KeyOf(local, stan),
                    Kind = PendingKind.Load,
                    Terminal = local,
                    ResponseMti = _composer.Compose(_builder, in request, terminal, stan, transmissionDateTime, in original),
                    Deadline = intendedTimestamp + _requestTimeout,
                    Request = request,
                    Intended = intendedTimestamp,
                    Sink = sink,
                };

                // A STAN still outstanding cannot be reused (the answers could not be told apart):
                // the terminal has 999,999 requests in flight.
                if (!_pending.TryAdd(in entry))
                {
                    Interlocked.Increment(ref _counters.RejectedQueueFull);
                    failure = TransportErrorKind.SendRejected;
                }
                else
                {
                    Write(session, terminal.SigningKey);
                    Interlocked.Increment(ref _counters.RequestsWritten);
                    if (Volatile.Read(ref session.SocketBlocked) != 0)
                    {
                        Interlocked.Increment(ref _counters.WrittenWhileBlocked);
                    }

                    return true;
                }
            }
        }

        sink.Complete(in request, intendedTimestamp, LoadOutcome.FromTransportError(failure), _clock.Now);
        return false;
    }

    /// <summary>Hands everything written since the last flush to the send loop. Scheduler thread.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_session is { } session)
            {
                FlushLocked(session);
            }
        }
    }

    private void Write(IsoSession session, MacKey key)
    {
        var written = _builder.WriteFramedTo(session.Output.Writer, key);
        Interlocked.Add(ref session.QueuedBytes, written);
    }

    private static void FlushLocked(IsoSession session)
    {
        var flush = session.Output.Writer.FlushAsync();
        if (!flush.IsCompleted)
        {
            throw new InvalidOperationException("The output pipe paused its writer, which it is configured never to do.");
        }

        flush.GetAwaiter().GetResult();
    }

    /// <summary>Writes an 0800 for one of the connection's terminals and tracks its answer. Under the lock.</summary>
    private void WriteNetworkManagement(IsoSession session, int local, NetworkManagementCode code, PendingKind kind)
    {
        var terminal = _terminals[local];
        var stan = terminal.NextStan();
        var entry = new PendingEntry
        {
            Key = PendingTable.KeyOf(local, stan),
            Kind = kind,
            Terminal = local,
            ResponseMti = (int)MessageType.NetworkManagementResponse,
            Deadline = _clock.Now + _requestTimeout,
        };
        if (!_pending.TryAdd(in entry))
        {
            throw new InvalidOperationException($"Terminal {terminal.Id} has STAN {stan} outstanding already.");
        }

        _composer.ComposeNetworkManagement(_builder, terminal, stan, code);
        Write(session, terminal.SigningKey);
    }

    /// <summary>Puts queued bytes on the wire: one send for whatever accumulated since the last one.</summary>
    private async Task SendLoopAsync(IsoSession session)
    {
        var reader = session.Output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    var remaining = segment;
                    while (!remaining.IsEmpty)
                    {
                        var sending = session.Socket.SendAsync(remaining, System.Net.Sockets.SocketFlags.None);
                        int sent;
                        if (sending.IsCompleted)
                        {
                            sent = sending.GetAwaiter().GetResult();
                        }
                        else
                        {
                            // The kernel's buffer is full: requests written meanwhile are queued behind it.
                            Volatile.Write(ref session.SocketBlocked, 1);
                            Interlocked.Increment(ref _counters.SendStalls);
                            sent = await sending;
                            Volatile.Write(ref session.SocketBlocked, 0);
                        }

                        remaining = remaining[sent..];
                    }
                }

                Interlocked.Add(ref session.QueuedBytes, -buffer.Length);
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException or IOException)
        {
            // The connection is gone; the receive loop ends as well and the connection reconnects.
        }
        finally
        {
            await reader.CompleteAsync();
            session.Abort();
        }
    }
}
