using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Actors;

/// <summary>
/// A plain (not persistent) actor: its <see cref="Receive"/> runs for one message at a time, in the
/// order each sender sent them. A handler that throws is logged, the asker gets the exception, and
/// the actor resumes with its next message.
/// </summary>
public abstract class Actor<TMessage, TReply>
{
    private ActorRef<TMessage, TReply>? _self;
    private ILogger? _log;

    protected ActorRef<TMessage, TReply> Self => _self ?? throw new InvalidOperationException("The actor has not been spawned.");

    protected ILogger Log => _log ?? throw new InvalidOperationException("The actor has not been spawned.");

    protected abstract void Receive(in Delivery<TMessage, TReply> delivery);

    /// <summary>Called once when the actor stops, after its last message.</summary>
    protected virtual void PostStop()
    {
    }

    internal void Invoke(in Delivery<TMessage, TReply> delivery) => Receive(delivery);

    internal void InvokePostStop() => PostStop();

    internal void Attach(ActorRef<TMessage, TReply> self, ILogger log)
    {
        _self = self;
        _log = log;
    }
}
