namespace CardActors.Runtime.Sharding;

/// <summary>What <see cref="EntityTable{TKey, TEntity}"/> needs of an entry: its key.</summary>
internal interface IEntityTableEntry<out TKey>
{
    TKey Key { get; }
}
