namespace CardActors.Runtime.Remoting;

/// <summary>The outcome carried by a reply frame. The values are on the wire: never renumber.</summary>
public enum RemoteStatus : byte
{
    /// <summary>The payload is the recipient's reply.</summary>
    Ok = 0,

    /// <summary>No recipient of that name on the remote node; the message was not delivered.</summary>
    UnknownRecipient = 1,

    /// <summary>The recipient could not decode the payload; the message was not delivered.</summary>
    BadPayload = 2,

    /// <summary>Delivered, but no reply came before the deadline: it may or may not have been processed.</summary>
    TimedOut = 3,

    /// <summary>Delivered, and the recipient failed while handling it.</summary>
    Failed = 4,
}
