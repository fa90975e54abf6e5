namespace CardActors.Runtime.Actors;

/// <summary>The target actor stopped before it could answer.</summary>
public sealed class ActorStoppedException : Exception
{
    public ActorStoppedException()
        : base("The actor has stopped.")
    {
    }

    public ActorStoppedException(string message)
        : base(message)
    {
    }

    public ActorStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
