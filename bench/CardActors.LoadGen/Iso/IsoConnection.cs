using CardActors.Iso8583;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;

namespace CardActors.LoadGen.Iso;

/// <summary>
/// One connection to the gateway and the terminals that trade on it. It connects, signs every
/// terminal on (0800/001) and only then accepts requests; it pipelines them and matches answers by
/// terminal + STAN, in whatever order they come; and when the connection drops it completes what
/// was outstanding as <see cref="TransportErrorKind.ConnectionFailed"/> and reconnects with a
/// doubling backoff. One lock guards the session, the pending table and the writer; the network
/// itself is only touched by the session's send and receive loops.
/// </summary>
internal sealed partial class IsoConnection
{
    private readonly object _gate = new();
    private readonly int _number;
    private readonly IsoTargetOptions _options;
    private readonly IsoTerminal[] _terminals;
    private readonly Dictionary<ulong, int> _terminalsById = [];
    private readonly IsoRequestComposer _composer;
    private readonly ILoadClock _clock;
    private readonly IsoTransportCounters _counters;
    private readonly PendingTable _pending = new();
    private readonly Iso8583MessageBuilder _builder = new();
    private readonly long _requestTimeout;
    private IsoSession? _session;
    private bool _ready;
    private SignOnRound? _signOn;

    public IsoConnection(int number, IsoTargetOptions options, IReadOnlyList<IsoTerminal> terminals, IsoRequestComposer composer, ILoadClock clock, IsoTransportCounters counters)
    {
        if (terminals.Count == 0)
        {
            throw new ArgumentException($"Connection {number} has no terminal to trade with.", nameof(terminals));
        }

        _number = number;
        _options = options;
        _terminals = [.. terminals];
        for (var i = 0; i < _terminals.Length; i++)
        {
            _terminalsById.Add(_terminals[i].PackedId, i);
        }

        _composer = composer;
        _clock = clock;
        _counters = counters;
        _requestTimeout = Nanoseconds.From(options.RequestTimeout);
    }

    /// <summary>Whether the connection is signed on and accepts requests.</summary>
    public bool IsReady
    {
        get
        {
            lock (_gate)
            {
                return _ready;
            }
        }
    }

    /// <summary>
    /// Keeps the connection up until <paramref name="cancellationToken"/> fires. <paramref name="started"/>
    /// completes when it first signed on, or fails when that did not happen before <paramref name="startDeadline"/>
    /// or the gateway refused a sign-on.
    /// </summary>
    public async Task RunAsync(TaskCompletionSource started, long startDeadline, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            IsoSession? session = null;
            Exception? failure = null;
            try
            {
                session = await IsoSession.ConnectAsync(_options, _clock.Now, cancellationToken);
                using var closeOnStop = cancellationToken.Register(session.Abort);
                var signOn = Activate(session);
                await signOn.WaitAsync(session.Receiving);
                lock (_gate)
                {
                    _ready = true;
                }

                Interlocked.Increment(ref _counters.Connects);
                failures = 0;
                started.TrySetResult();
                await session.Receiving;
                if (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _counters.Disconnects);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Disposal: the session is closed below.
            }
            catch (Exception e)
            {
                failure = e;
                Interlocked.Increment(ref _counters.FailedAttempts);
            }
            finally
            {
                Deactivate(session, cancellationToken.IsCancellationRequested);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (!started.Task.IsCompleted && (failure is SignOnRefusedException || _clock.Now >= startDeadline))
            {
                started.TrySetException(new IsoTargetException(
                    $"Connection {_number} to {_options.Host}:{_options.Port} did not come up: {failure?.Message ?? "it closed during sign-on"}", failure ?? new IOException("closed")));
                return;
            }

            try
            {
                await Task.Delay(Backoff(failures++), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        started.TrySetCanceled(cancellationToken);
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.ReconnectDelay * Math.Pow(2, Math.Min(failures, 20));
        return delay < _options.MaxReconnectDelay ? delay : _options.MaxReconnectDelay;
    }

    /// <summary>Starts the session's loops and writes a sign-on for every terminal of the connection.</summary>
    private SignOnRound Activate(IsoSession session)
    {
        var round = new SignOnRound();
        lock (_gate)
        {
            _session = session;
            _signOn = round;
            session.Sending = Task.Run(() => SendLoopAsync(session));
            session.Receiving = Task.Run(() => ReceiveLoopAsync(session));
            for (var i = 0; i < _terminals.Length; i++)
            {
                WriteNetworkManagement(session, i, NetworkManagementCode.SignOn, PendingKind.SignOn);
            }

            FlushLocked(session);
        }

        return round;
    }

    /// <summary>Closes the session and completes everything it still owed.</summary>
    private void Deactivate(IsoSession? session, bool disposing)
    {
        if (session is null)
        {
            return;
        }

        List<PendingEntry> orphans;
        SignOnRound? signOn;
        lock (_gate)
        {
            _ready = false;
            _session = null;
            signOn = _signOn;
            _signOn = null;
            orphans = _pending.RemoveAll();
            session.Output.Writer.Complete();
        }

        Volatile.Write(ref _echoOutstanding, 0);

        session.Abort();
        signOn?.Fail(new IOException("The connection closed during sign-on."));
        var now = _clock.Now;
        var outcome = LoadOutcome.FromTransportError(disposing ? TransportErrorKind.Abandoned : TransportErrorKind.ConnectionFailed);
        foreach (var orphan in orphans)
        {
            if (orphan.Kind == PendingKind.Load)
            {
                Interlocked.Increment(ref _counters.FailedOnDisconnect);
                orphan.Sink!.Complete(orphan.Request, orphan.Intended, outcome, Math.Max(now, orphan.Intended));
            }
        }
    }

    /// <summary>One sign-on of all the connection's terminals: it succeeds when every one was answered 00.</summary>
    private sealed class SignOnRound
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _approved;

        public void Approve(int terminals)
        {
            if (Interlocked.Increment(ref _approved) == terminals)
            {
                _done.TrySetResult();
            }
        }

        public void Fail(Exception reason) => _done.TrySetException(reason);

        public async Task WaitAsync(Task receiving)
        {
            if (await Task.WhenAny(_done.Task, receiving) != _done.Task)
            {
                throw new IOException("The gateway closed the connection during sign-on.");
            }

            await _done.Task;
        }
    }

    /// <summary>The gateway answered a sign-on with something other than 00: retrying will not help.</summary>
    private sealed class SignOnRefusedException(string message) : Exception(message);
}
