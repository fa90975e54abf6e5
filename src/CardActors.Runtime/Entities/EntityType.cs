namespace CardActors.Runtime.Entities;

/// <summary>Everything the kernel needs to host one kind of entity.</summary>
public sealed record EntityType<TKey, TState, TCommand, TEvent, TReply>(
    string Name,
    IEntityIdentity<TKey> Identity,
    IEntityBehavior<TKey, TState, TCommand, TEvent, TReply> Behavior,
    IEntityCodec<TKey, TState, TEvent> Codec)
    where TKey : notnull
    where TState : class
    where TEvent : class;
