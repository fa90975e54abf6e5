using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Iso8583;

namespace CardActors.Node.Gateway;

/// <summary>
/// One request and its answer, pooled: its own copy of the frame (so the connection's input buffer
/// can move on while the card decides), the parsed message, and the decision in flight. Completion
/// of the card's ask continues here without allocating a continuation.
/// </summary>
internal sealed class IsoExchange
{
    // Authorization messages are a few hundred bytes; a frame buffer of the protocol's maximum for
    // every exchange made a burst of tens of thousands of requests in flight (a node restarted
    // under load) allocate and fault in hundreds of megabytes. An exchange grows its buffer once
    // when a longer message comes.
    private const int UsualFrameLength = 512;
    private static readonly ConcurrentQueue<IsoExchange> Pool = new();
    private byte[] _frame = new byte[UsualFrameLength];
    private readonly Action _onDecided;
    private ConfiguredValueTaskAwaitable<CardReply>.ConfiguredValueTaskAwaiter _decision;
    private Action<IsoExchange, CardReply, Exception?>? _finish;

    private IsoExchange() => _onDecided = OnDecided;

    public Iso8583Message Message { get; } = new();

    public IsoConnection Connection { get; private set; } = null!;

    public IsoResponse Response { get; set; }

    /// <summary>The key the request's MAC verified with; the response is MACed with it.</summary>
    public MacKey? ResponseKey { get; set; }

    public long ReceivedAt { get; private set; }

    /// <summary>When the card was asked and when it answered (0 for a request that never reached a card).</summary>
    public long AskedAt { get; private set; }

    public long DecidedAt { get; private set; }

    /// <summary>The card transaction the request became (none before the card is asked); an approval's code is derived from it.</summary>
    public TransactionId Transaction { get; set; }

    public static IsoExchange Rent(IsoConnection connection, long receivedAt)
    {
        var exchange = Pool.TryDequeue(out var pooled) ? pooled : new IsoExchange();
        exchange.Connection = connection;
        exchange.ReceivedAt = receivedAt;
        return exchange;
    }

    public void Return()
    {
        Message.Dispose();
        Response = default;
        ResponseKey = null;
        Transaction = TransactionId.None;
        AskedAt = 0;
        DecidedAt = 0;
        Connection = null!;
        _finish = null;
        _decision = default;
        Pool.Enqueue(this);
    }

    /// <summary>Copies the frame and parses it in place.</summary>
    public bool TryLoad(in ReadOnlySequence<byte> frame, out Iso8583Error error)
    {
        var length = (int)frame.Length;
        if (length > _frame.Length)
        {
            _frame = new byte[Iso8583Framing.MaxMessageLength];
        }

        frame.CopyTo(_frame);
        return Message.TryParse(_frame.AsMemory(0, length), out error);
    }

    /// <summary>Marks the moment the card is asked (see <see cref="GatewayMetrics.DecisionLatency"/>).</summary>
    public void Asking() => AskedAt = Connection.Time.GetTimestamp();

    /// <summary>Waits for the card's reply, then calls <paramref name="finish"/> (at once when it is already there).</summary>
    public void Await(ValueTask<CardReply> decision, Action<IsoExchange, CardReply, Exception?> finish)
    {
        if (decision.IsCompletedSuccessfully)
        {
            Decided();
            finish(this, decision.Result, null);
            return;
        }

        _finish = finish;
        _decision = decision.ConfigureAwait(false).GetAwaiter();
        _decision.UnsafeOnCompleted(_onDecided);
    }

    private void Decided()
    {
        var clock = Connection.Time;
        DecidedAt = clock.GetTimestamp();
        GatewayMetrics.DecisionLatency.Record(clock.GetElapsedTime(AskedAt, DecidedAt).TotalSeconds);
    }

    private void OnDecided()
    {
        Decided();
        var finish = _finish!;
        CardReply reply = default;
        Exception? error = null;
        try
        {
            reply = _decision.GetResult();
        }
        catch (Exception exception)
        {
            error = exception;
        }

        finish(this, reply, error);
    }

    /// <summary>The answer is decided: hand it to the connection's writer.</summary>
    public void Answer(IsoResponse response)
    {
        Response = response;
        Connection.Enqueue(this);
    }
}
