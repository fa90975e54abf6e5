namespace CardActors.LoadGen.Iso;

/// <summary>What the ISO 8583 transport saw besides the answers: connections, pushback, late and odd responses.</summary>
/// <param name="Connects">Connections that came up and signed on (first connects and reconnects).</param>
/// <param name="Disconnects">Connections lost while trading.</param>
/// <param name="FailedAttempts">Connect or sign-on attempts that failed.</param>
/// <param name="SignOns">Terminals signed on (0810 with 00).</param>
/// <param name="RequestsWritten">Workload requests written to a connection.</param>
/// <param name="WrittenWhileBlocked">Requests written while the socket's send buffer was full: they waited in the generator's queue, and their latency includes the wait.</param>
/// <param name="RejectedQueueFull">Requests completed as SendRejected because the connection's queue held more than its limit.</param>
/// <param name="RejectedNoConnection">Requests completed as ConnectionFailed at once because their connection was down.</param>
/// <param name="FailedOnDisconnect">Outstanding requests completed as ConnectionFailed when their connection dropped.</param>
/// <param name="TimedOut">Requests completed as Timeout.</param>
/// <param name="LateResponses">Answers that matched nothing outstanding (arrived after their timeout or their connection's loss).</param>
/// <param name="MalformedResponses">Answers that did not parse, carried a wrong MTI, or whose MAC was missing or wrong.</param>
/// <param name="EchoesSent">Echo tests sent on idle connections.</param>
/// <param name="EchoesAnswered">Echo tests from the gateway that were answered.</param>
/// <param name="OriginalsForgotten">Follow-ups completed as SendRejected because their original was older than every one remembered.</param>
/// <param name="SendStalls">Times a connection found the socket's send buffer full and had to wait for the gateway to read.</param>
public sealed record IsoTransportStatistics(
    long Connects,
    long Disconnects,
    long FailedAttempts,
    long SignOns,
    long RequestsWritten,
    long WrittenWhileBlocked,
    long RejectedQueueFull,
    long RejectedNoConnection,
    long FailedOnDisconnect,
    long TimedOut,
    long LateResponses,
    long MalformedResponses,
    long EchoesSent,
    long EchoesAnswered,
    long OriginalsForgotten,
    long SendStalls)
{
    /// <summary>Sentences for a report's warnings: each counter a reader must know about before trusting the numbers.</summary>
    public IReadOnlyList<string> Warnings()
    {
        var warnings = new List<string>();
        if (Disconnects > 0 || FailedAttempts > 0)
        {
            warnings.Add($"The transport lost {Disconnects:N0} connections and failed {FailedAttempts:N0} connect or sign-on attempts; requests outstanding on a lost connection, or sent while it was down, completed as ConnectionFailed.");
        }

        if (WrittenWhileBlocked > 0)
        {
            warnings.Add($"{WrittenWhileBlocked:N0} requests were queued behind a full socket send buffer: the gateway (or the network) pushed back. Their latency includes the wait.");
        }

        if (RejectedQueueFull > 0)
        {
            warnings.Add($"{RejectedQueueFull:N0} requests were rejected because their connection's send queue was full (SendRejected).");
        }

        if (LateResponses > 0)
        {
            warnings.Add($"{LateResponses:N0} answers arrived for requests already completed (after their timeout or their connection's loss) and were discarded, as a POS would.");
        }

        if (MalformedResponses > 0)
        {
            warnings.Add($"{MalformedResponses:N0} answers were malformed, had the wrong message type, or failed their MAC check.");
        }

        if (OriginalsForgotten > 0)
        {
            warnings.Add($"{OriginalsForgotten:N0} follow-ups named originals too old to be remembered and were rejected (SendRejected): raise the remembered originals.");
        }

        return warnings;
    }
}

/// <summary>The transport's counters, updated from any thread.</summary>
internal sealed class IsoTransportCounters
{
    public long Connects;
    public long Disconnects;
    public long FailedAttempts;
    public long SignOns;
    public long RequestsWritten;
    public long WrittenWhileBlocked;
    public long RejectedQueueFull;
    public long RejectedNoConnection;
    public long FailedOnDisconnect;
    public long TimedOut;
    public long LateResponses;
    public long MalformedResponses;
    public long EchoesSent;
    public long EchoesAnswered;
    public long OriginalsForgotten;
    public long SendStalls;

    public IsoTransportStatistics Read() => new(
        Volatile.Read(ref Connects),
        Volatile.Read(ref Disconnects),
        Volatile.Read(ref FailedAttempts),
        Volatile.Read(ref SignOns),
        Volatile.Read(ref RequestsWritten),
        Volatile.Read(ref WrittenWhileBlocked),
        Volatile.Read(ref RejectedQueueFull),
        Volatile.Read(ref RejectedNoConnection),
        Volatile.Read(ref FailedOnDisconnect),
        Volatile.Read(ref TimedOut),
        Volatile.Read(ref LateResponses),
        Volatile.Read(ref MalformedResponses),
        Volatile.Read(ref EchoesSent),
        Volatile.Read(ref EchoesAnswered),
        Volatile.Read(ref OriginalsForgotten),
        Volatile.Read(ref SendStalls));
}
