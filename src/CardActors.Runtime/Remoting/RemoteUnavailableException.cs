namespace CardActors.Runtime.Remoting;

/// <summary>
/// The message was not handed to the remote node: not connected, the connection was lost before the
/// reply, or the connection's outgoing buffer is full. Retryable; for an ask whose connection was
/// lost after sending, the request may or may not have been processed, as with a timeout.
/// </summary>
public sealed class RemoteUnavailableException : Exception
{
    public RemoteUnavailableException()
        : base("The remote node is unavailable.")
    {
    }

    public RemoteUnavailableException(string message)
        : base(message)
    {
    }

    public RemoteUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
