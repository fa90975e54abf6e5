using CardActors.LoadGen.Estate;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Iso;

/// <summary>
/// The load generator as an acquiring host speaking ISO 8583 (docs/iso8583.md) to a CardActors
/// gateway over TCP. Workload merchant m trades through one of its terminals (chosen from the
/// request's sequence number; a follow-up uses its original's terminal, as the spec requires), and
/// each terminal trades on one connection. Call <see cref="StartAsync"/> before the run: it
/// returns once every connection has signed its terminals on.
/// </summary>
public sealed class IsoLoadTarget : ILoadTarget, IAsyncDisposable
{
    private readonly IsoTargetOptions _options;
    private readonly ILoadClock _clock;
    private readonly IsoTerminal[] _terminals;
    private readonly int[] _firstTerminal;
    private readonly int[] _terminalCount;
    private readonly IsoConnection[] _connections;
    private readonly bool[] _dirty;
    private readonly List<int> _dirtyConnections = [];
    private readonly OriginalLedger _originals;
    private readonly IsoRequestComposer _composer;
    private readonly IsoTransportCounters _counters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _running = [];
    private int _started;

    public IsoLoadTarget(IsoTargetOptions options, LoadEstate estate, ILoadClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
        var cards = new CardNumbers(estate.Cards);
        var terminalTotal = estate.TerminalCount;
        if (terminalTotal < options.Connections)
        {
            throw new ArgumentException($"{options.Connections} connections need at least as many terminals; the estate has {terminalTotal}.");
        }

        _terminals = new IsoTerminal[terminalTotal];
        _firstTerminal = new int[estate.Merchants.Count];
        _terminalCount = new int[estate.Merchants.Count];
        var index = 0;
        for (var m = 0; m < estate.Merchants.Count; m++)
        {
            var merchant = estate.Merchants[m];
            if (merchant.Terminals.Count == 0)
            {
                throw new ArgumentException($"Merchant {merchant.Id} has no terminal.");
            }

            _firstTerminal[m] = index;
            _terminalCount[m] = merchant.Terminals.Count;
            foreach (var terminal in merchant.Terminals)
            {
                _terminals[index] = new IsoTerminal(index, terminal.Id, merchant.Id, terminal.MacKey, index % options.Connections);
                index++;
            }
        }

        var runTag = RetrievalReference.RunTag(options.WallClock.GetUtcNow());
        _composer = new IsoRequestComposer(cards, new TransmissionClock(options.WallClock), options.AcquirerId, options.Currency, runTag);
        _originals = new OriginalLedger(options.RememberedOriginals);
        _connections = new IsoConnection[options.Connections];
        _dirty = new bool[options.Connections];
        for (var c = 0; c < _connections.Length; c++)
        {
            _connections[c] = new IsoConnection(c, options, [.. _terminals.Where(t => t.Connection == c)], _composer, clock, _counters);
        }

        Description = $"iso8583://{options.Host}:{options.Port} ({options.Connections} connections, {terminalTotal} terminals of {estate.Merchants.Count} merchants, {estate.Cards.Count} cards)";
    }

    /// <summary>What the report calls the target.</summary>
    public string Description { get; }

    public IsoTargetOptions Options => _options;

    public IsoTransportStatistics Statistics => _counters.Read();

    /// <summary>Connections currently signed on.</summary>
    public int ReadyConnections => _connections.Count(c => c.IsReady);

    /// <summary>
    /// Connects every connection and signs its terminals on; throws <see cref="IsoTargetException"/>
    /// when one did not come up within <see cref="IsoTargetOptions.StartTimeout"/> or a sign-on was refused.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The target has been started already.");
        }

        var deadline = _clock.Now + Nanoseconds.From(_options.StartTimeout);
        var started = new List<Task>(_connections.Length);
        foreach (var connection in _connections)
        {
            var signedOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            started.Add(signedOn.Task);
            _running.Add(Task.Run(() => connection.RunAsync(signedOn, deadline, _stopping.Token), CancellationToken.None));
        }

        _running.Add(Task.Run(TickAsync, CancellationToken.None));
        using var cancelled = cancellationToken.Register(() => _stopping.Cancel());
        await Task.WhenAll(started);
    }

    public void Send(in LoadRequest request, long intendedTimestamp, ILoadCompletionSink sink)
    {
        var original = default(OriginalIdentifiers);
        IsoTerminal terminal;
        if (request.Kind.NeedsOriginal())
        {
            if (!_originals.TryFind(request.Original.Sequence, out original))
            {
                // Older than every original remembered: its identifiers are gone, so it cannot be named.
                Interlocked.Increment(ref _counters.OriginalsForgotten);
                sink.Complete(in request, intendedTimestamp, LoadOutcome.FromTransportError(TransportErrorKind.SendRejected), _clock.Now);
                return;
            }

            terminal = _terminals[original.Terminal];
        }
        else
        {
            terminal = TerminalFor(request.MerchantIndex, request.Sequence);
        }

        var stan = terminal.NextStan();
        var transmissionDateTime = _composer.TransmissionDateTime();
        if (OriginalLedger.IsOriginal(request.Kind))
        {
            _originals.Record(request.Sequence, new OriginalIdentifiers(terminal.Index, stan, transmissionDateTime));
        }

        var connection = terminal.Connection;
        if (_connections[connection].Send(in request, intendedTimestamp, sink, terminal, stan, transmissionDateTime, in original) && !_dirty[connection])
        {
            _dirty[connection] = true;
            _dirtyConnections.Add(connection);
        }
    }

    public void Flush()
    {
        foreach (var connection in _dirtyConnections)
        {
            _connections[connection].Flush();
            _dirty[connection] = false;
        }

        _dirtyConnections.Clear();
    }

    /// <summary>Closes every connection; requests still outstanding complete as <see cref="TransportErrorKind.Abandoned"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await Task.WhenAll(_running);
        _stopping.Dispose();
    }

    private IsoTerminal TerminalFor(int merchant, long sequence)
    {
        if ((uint)merchant >= (uint)_firstTerminal.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(merchant), merchant, $"The estate has {_firstTerminal.Length} merchants.");
        }

        // A multiplicative hash spreads a busy merchant's requests evenly over its terminals.
        var spread = (ulong)sequence * 0x9E3779B97F4A7C15UL;
        return _terminals[_firstTerminal[merchant] + (int)((spread >> 32) % (ulong)_terminalCount[merchant])];
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(_options.TimeoutResolution);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                foreach (var connection in _connections)
                {
                    connection.Tick();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposal.
        }
    }
}
