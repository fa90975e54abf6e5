namespace CardActors.Runtime.Remoting;

/// <summary>The remote node answered an ask with an error instead of a reply (<see cref="Status"/> says which).</summary>
public sealed class RemoteRefusedException : Exception
{
    public RemoteRefusedException()
        : base("The remote node refused the message.")
    {
    }

    public RemoteRefusedException(string message)
        : base(message)
    {
    }

    public RemoteRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RemoteRefusedException(RemoteStatus status, string message)
        : base(message) => Status = status;

    public RemoteStatus Status { get; } = RemoteStatus.Failed;
}
