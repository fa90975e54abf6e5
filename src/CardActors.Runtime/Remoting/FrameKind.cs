namespace CardActors.Runtime.Remoting;

/// <summary>The kinds of frame of the node-to-node protocol. The values are on the wire: never renumber.</summary>
public enum FrameKind : byte
{
    /// <summary>First frame of the connecting node: protocol version, incarnation, node id.</summary>
    Hello = 1,

    /// <summary>The accepting node's answer to <see cref="Hello"/>, same layout.</summary>
    Welcome = 2,

    /// <summary>A message for a named recipient: correlation id (0 for a tell), timeout, recipient, payload.</summary>
    Send = 3,

    /// <summary>The answer to an ask: correlation id, <see cref="RemoteStatus"/>, payload or error text.</summary>
    Reply = 4,

    /// <summary>The sender is closing the connection; the body says why (UTF-8).</summary>
    Goodbye = 5,
}
