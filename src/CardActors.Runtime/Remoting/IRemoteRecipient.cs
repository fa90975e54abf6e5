namespace CardActors.Runtime.Remoting;

/// <summary>
/// Something on this node that other nodes may send to by name (an entity type's region, through a
/// <see cref="RegionRecipient{TKey, TCommand, TReply}"/>). The payload's format is the recipient's own.
/// </summary>
public interface IRemoteRecipient
{
    /// <summary>
    /// Decodes the payload and delivers it. A tell has <paramref name="correlation"/> 0 and gets no
    /// answer; an ask is answered exactly once through <paramref name="replies"/>, now or later. A
    /// payload that cannot be decoded throws (synchronously), and the transport answers
    /// <see cref="RemoteStatus.BadPayload"/> without delivering anything.
    /// </summary>
    void Deliver(ReadOnlySpan<byte> payload, long correlation, TimeSpan timeout, IRemoteReplies replies);
}

/// <summary>Where a recipient sends the answer to an ask: back over the connection the ask came on.</summary>
public interface IRemoteReplies
{
    void Reply(long correlation, RemoteStatus status, ReadOnlySpan<byte> payload);
}
