using CardActors.Runtime.Dispatch;

namespace CardActors.Runtime.Actors;

/// <summary>The address of a plain actor. Cheap to copy, safe from any thread.</summary>
public sealed class ActorRef<TMessage, TReply>
{
    private readonly ActorCell<TMessage, TReply> _cell;

    internal ActorRef(ActorCell<TMessage, TReply> cell) => _cell = cell;

    public string Name => _cell.Name;

    /// <summary>Sends without waiting. False if the actor has stopped (the message is dropped).</summary>
    public bool Tell(TMessage message)
    {
        var envelope = Envelope<TMessage, TReply>.ForTell(message);
        if (_cell.Post(envelope))
        {
            return true;
        }

        envelope.Release();
        return false;
    }

    /// <summary>Sends and awaits the reply until the deadline (the system default when null).</summary>
    public ValueTask<TReply> Ask(TMessage message, TimeSpan? timeout = null)
    {
        var system = _cell.System;
        var envelope = Envelope<TMessage, TReply>.ForAsk(message, system.Deadlines, timeout ?? system.Settings.AskTimeout);
        var reply = envelope.Reply;
        if (!_cell.Post(envelope))
        {
            envelope.TryFail(new ActorStoppedException($"Actor '{Name}' has stopped."));
            envelope.Release();
        }

        return reply;
    }

    /// <summary>Stops the actor after the turn in progress; queued asks fail with <see cref="ActorStoppedException"/>.</summary>
    public void Stop() => _cell.RequestStop();
}
