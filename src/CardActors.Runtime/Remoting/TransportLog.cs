using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Remoting;

internal static partial class TransportLog
{
    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Transport: connected to {Peer} at {Endpoint}")]
    public static partial void Connected(ILogger logger, PeerIdentity peer, string endpoint);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Transport: connection to {Endpoint} failed or was lost ({Reason}); retrying in {Delay}")]
    public static partial void Disconnected(ILogger logger, string endpoint, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Transport: {Peer} connected from {Remote}")]
    public static partial void PeerJoined(ILogger logger, PeerIdentity peer, string remote);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Transport: {Peer} at {Remote} disconnected")]
    public static partial void PeerLeft(ILogger logger, PeerIdentity peer, string remote);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Transport: closing the connection from {Remote}: {Reason}")]
    public static partial void ProtocolError(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Transport: a tell from {Peer} was not delivered: {Reason}")]
    public static partial void TellDropped(ILogger logger, PeerIdentity peer, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Transport: a reply to {Peer} could not be queued (the connection is closing, or the peer does not read and its outbox is full); the connection is closed")]
    public static partial void ReplyDropped(ILogger logger, PeerIdentity peer);

    [LoggerMessage(EventId = 308, Level = LogLevel.Information, Message = "Transport: {Peer} said goodbye: {Reason}")]
    public static partial void Goodbye(ILogger logger, PeerIdentity peer, string reason);
}
