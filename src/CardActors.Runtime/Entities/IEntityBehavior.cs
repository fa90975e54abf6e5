namespace CardActors.Runtime.Entities;

/// <summary>
/// The rules of an event-sourced entity, supplied by the domain through the host. The kernel
/// recovers the state, calls <see cref="Decide"/>, applies the events, makes them durable, and only
/// then sends the reply. Decide must not change the state; Apply must be deterministic, since
/// recovery replays it.
/// </summary>
public interface IEntityBehavior<TKey, TState, TCommand, TEvent, TReply>
    where TKey : notnull
    where TState : class
    where TEvent : class
{
    /// <summary>The state of an entity that has no snapshot and no events yet.</summary>
    TState CreateState(TKey key);

    Effect<TEvent, TReply> Decide(TState state, TCommand command);

    /// <summary>Evolves the state by one event; may change it in place and return it.</summary>
    TState Apply(TState state, TEvent @event);

    /// <summary>When the entity must next act without a command (e.g. a hold expires), or null.</summary>
    DateTimeOffset? NextDeadline(TState state);

    /// <summary>The command the kernel delivers when <see cref="NextDeadline"/> is reached.</summary>
    TCommand DeadlineReached(DateTimeOffset now);

    /// <summary>The reply for a command the kernel could not put to the entity's rules.</summary>
    TReply FailureReply(EntityFailure failure);
}
