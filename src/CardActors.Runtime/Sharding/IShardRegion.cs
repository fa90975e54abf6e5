namespace CardActors.Runtime.Sharding;

/// <summary>The address of every entity of one type: send to a key, the region finds (or starts) the entity.</summary>
public interface IShardRegion<in TKey, in TCommand, TReply>
    where TKey : notnull
{
    /// <summary>Sends a command and awaits the reply until the deadline (the system default when null).</summary>
    ValueTask<TReply> Ask(TKey key, TCommand command, TimeSpan? timeout = null);

    /// <summary>Sends a command without waiting for its reply.</summary>
    void Tell(TKey key, TCommand command);

    /// <summary>The shard that owns the key.</summary>
    int ShardOf(TKey key);

    /// <summary>Entities currently in memory.</summary>
    int LiveEntities { get; }
}
