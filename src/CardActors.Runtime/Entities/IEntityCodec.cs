using System.Buffers;

namespace CardActors.Runtime.Entities;

/// <summary>The byte form of an entity's events and snapshots, as journaled. Must stay readable forever.</summary>
public interface IEntityCodec<TKey, TState, TEvent>
    where TKey : notnull
    where TState : class
    where TEvent : class
{
    void WriteEvent(TEvent @event, IBufferWriter<byte> output);

    TEvent ReadEvent(ReadOnlySpan<byte> payload);

    void WriteSnapshot(TState state, IBufferWriter<byte> output);

    TState ReadSnapshot(TKey key, ReadOnlySpan<byte> payload);
}
