namespace CardActors.LoadGen.Iso;

/// <summary>How the ISO 8583 transport reaches the gateway and behaves as an acquiring host.</summary>
public sealed record IsoTargetOptions
{
    /// <summary>The gateway's host name or address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8583;

    /// <summary>TCP connections opened to the gateway; the terminals are spread over them.</summary>
    public int Connections { get; init; } = 8;

    /// <summary>A request unanswered this long after its intended send time completes as a timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the first connect and sign-on of every connection may take before the target counts as unreachable.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first reconnect attempt; it doubles with every failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection that received nothing for this long sends an echo test (0800/301); zero disables it.</summary>
    public TimeSpan EchoInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often answers are checked against their deadline.</summary>
    public TimeSpan TimeoutResolution { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Field 32, the acquiring institution id the issuer assigned (up to 11 digits).</summary>
    public long AcquirerId { get; init; } = 12345678;

    /// <summary>Field 49, ISO 4217 numeric; 156 is CNY.</summary>
    public int Currency { get; init; } = 156;

    /// <summary>
    /// Bytes a connection may hold that the socket has not taken yet. Beyond it, a request is
    /// completed at once as <see cref="Transport.TransportErrorKind.SendRejected"/> rather than
    /// queued without bound.
    /// </summary>
    public int MaxQueuedBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Recent authorizations and purchases whose identifiers (terminal, STAN, transmission time)
    /// are kept for their follow-ups. At least the workload's two original pools together.
    /// </summary>
    public int RememberedOriginals { get; init; } = 2 * 65_536;

    /// <summary>The socket's send buffer in bytes; 0 keeps the system default.</summary>
    public int SocketSendBufferSize { get; init; }

    /// <summary>The source of the wall-clock fields 7, 12 and 13 and of the retrieval reference numbers' run tag.</summary>
    public TimeProvider WallClock { get; init; } = TimeProvider.System;

    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Host), "The gateway host is empty.");
        Require(Port is > 0 and <= 65535, $"The gateway port must lie between 1 and 65535, not {Port}.");
        Require(Connections is >= 1 and <= 4096, $"Between 1 and 4096 connections are supported, not {Connections}.");
        Require(RequestTimeout > TimeSpan.Zero, $"The request timeout must be positive, not {RequestTimeout}.");
        Require(StartTimeout > TimeSpan.Zero, $"The start timeout must be positive, not {StartTimeout}.");
        Require(ReconnectDelay > TimeSpan.Zero && MaxReconnectDelay >= ReconnectDelay,
            $"The reconnect delays must be positive and the maximum ({MaxReconnectDelay}) at least the first ({ReconnectDelay}).");
        Require(EchoInterval >= TimeSpan.Zero, $"The echo interval cannot be negative ({EchoInterval}).");
        Require(TimeoutResolution > TimeSpan.Zero, $"The timeout resolution must be positive, not {TimeoutResolution}.");
        Require(AcquirerId is > 0 and <= 99_999_999_999, $"The acquirer id has 1 to 11 digits, not {AcquirerId}.");
        Require(Currency is > 0 and <= 999, $"The currency is an ISO 4217 numeric code, not {Currency}.");
        Require(MaxQueuedBytes >= 4096, $"The send queue must hold at least 4096 bytes, not {MaxQueuedBytes}.");
        Require(RememberedOriginals >= 1, $"At least one original must be remembered, not {RememberedOriginals}.");
        Require(SocketSendBufferSize >= 0, $"The socket send buffer cannot be negative ({SocketSendBufferSize}).");
        ArgumentNullException.ThrowIfNull(WallClock);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
