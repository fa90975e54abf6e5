namespace CardActors.Runtime.Entities;

/// <summary>How an entity's key maps to its journal name and to a shard.</summary>
public interface IEntityIdentity<TKey>
    where TKey : notnull
{
    /// <summary>The journal's name for the entity, e.g. "card|6200000000000000003". Stable forever.</summary>
    string PersistenceIdOf(TKey key);

    bool TryParsePersistenceId(string persistenceId, out TKey key);

    /// <summary>A hash that is the same on every node and in every run (not string.GetHashCode).</summary>
    ulong StableHash(TKey key);
}
