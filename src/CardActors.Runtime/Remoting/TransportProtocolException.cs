namespace CardActors.Runtime.Remoting;

/// <summary>The peer broke the frame protocol (bad length, unknown kind, wrong handshake); the connection is closed.</summary>
public sealed class TransportProtocolException : Exception
{
    public TransportProtocolException()
        : base("The peer broke the transport protocol.")
    {
    }

    public TransportProtocolException(string message)
        : base(message)
    {
    }

    public TransportProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
