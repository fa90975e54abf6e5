using CardActors.Iso8583;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;

namespace CardActors.LoadGen.Iso;

internal sealed partial class IsoConnection
{
    // Used by the timer only.
    private readonly List<PendingEntry> _expired = [];
    private int _echoOutstanding;

    /// <summary>
    /// Completes what passed its deadline as <see cref="TransportErrorKind.Timeout"/>, and tests an
    /// idle link with an echo; an echo without answer means the link is dead, and it is closed.
    /// Called by the target's timer, one call at a time.
    /// </summary>
    public void Tick()
    {
        var now = _clock.Now;
        IsoSession? session;
        lock (_gate)
        {
            session = _session;
            while (_pending.TryRemoveExpired(now, out var entry))
            {
                _expired.Add(entry);
            }
        }

        foreach (var entry in _expired)
        {
            switch (entry.Kind)
            {
                case PendingKind.Load:
                    Interlocked.Increment(ref _counters.TimedOut);
                    entry.Sink!.Complete(in entry.Request, entry.Intended, LoadOutcome.FromTransportError(TransportErrorKind.Timeout), now);
                    break;
                case PendingKind.SignOn:
                    lock (_gate)
                    {
                        _signOn?.Fail(new TimeoutException($"the sign-on of terminal {_terminals[entry.Terminal].Id} was not answered within {_options.RequestTimeout.TotalSeconds:0.###} s"));
                    }

                    break;
                case PendingKind.Echo:
                    Volatile.Write(ref _echoOutstanding, 0);
                    session?.Abort();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown pending kind {entry.Kind}.");
            }
        }

        _expired.Clear();
        if (session is not null && _options.EchoInterval > TimeSpan.Zero &&
            now - Volatile.Read(ref session.LastReceived) >= Nanoseconds.From(_options.EchoInterval) &&
            Interlocked.CompareExchange(ref _echoOutstanding, 1, 0) == 0)
        {
            SendEcho(session);
        }
    }

    private void SendEcho(IsoSession session)
    {
        lock (_gate)
        {
            if (_session != session || !_ready)
            {
                Volatile.Write(ref _echoOutstanding, 0);
                return;
            }

            WriteNetworkManagement(session, 0, NetworkManagementCode.Echo, PendingKind.Echo);
            FlushLocked(session);
        }

        Interlocked.Increment(ref _counters.EchoesSent);
    }
}
