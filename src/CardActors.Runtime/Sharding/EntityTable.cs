namespace CardActors.Runtime.Sharding;

/// <summary>
/// The live entities of a region: one flat open-addressed table (linear probing) of (hash, entity)
/// pairs, read without locks on every message and changed only under the region's lock.
/// </summary>
/// <remarks>
/// A lookup costs the slot and the entity itself, two cache lines, where a dictionary of per-shard
/// dictionaries costs five or six dependent loads; with hundreds of thousands of live entities those
/// misses were the largest single cost of a message. A lock-free read can miss an entity that is
/// being added or moved (a resize, a backward shift after a removal) or find one that is closing;
/// both send the caller to the locked slow path, which is authoritative. An entity is closed before
/// it leaves the table, so an open entity found here is the current incarnation of its key.
/// </remarks>
internal sealed class EntityTable<TKey, TEntity>
    where TKey : notnull
    where TEntity : class, IEntityTableEntry<TKey>
{
    private const int MinimumCapacity = 1024;
    private Slot[] _slots = new Slot[MinimumCapacity];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Lock-free: the entity with this key, or null (then ask again under the lock to be sure).</summary>
    public TEntity? Find(ulong hash, TKey key)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            var entity = Volatile.Read(ref slot.Entity);
            if (entity is null)
            {
                return null;
            }

            if (slot.Hash == hash && EqualityComparer<TKey>.Default.Equals(entity.Key, key))
            {
                return entity;
            }
        }
    }

    /// <summary>Under the owner's lock: adds an entity whose key is not in the table.</summary>
    public void Add(ulong hash, TEntity entity)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            Resize(_slots.Length * 2);
        }

        Insert(_slots, hash, entity);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Under the owner's lock: removes exactly this entity; false if it is not in the table.</summary>
    public bool Remove(ulong hash, TEntity entity)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = (int)hash & mask;
        while (!ReferenceEquals(slots[i].Entity, entity))
        {
            if (slots[i].Entity is null)
            {
                return false;
            }

            i = (i + 1) & mask;
        }

        // Backward shift: pull later entries of the probe run into the hole, so no tombstones pile up.
        for (var j = (i + 1) & mask; slots[j].Entity is not null; j = (j + 1) & mask)
        {
            var home = (int)slots[j].Hash & mask;
            var stays = i <= j ? home > i && home <= j : home > i || home <= j;
            if (!stays)
            {
                slots[i].Hash = slots[j].Hash;
                Volatile.Write(ref slots[i].Entity, slots[j].Entity);
                i = j;
            }
        }

        Volatile.Write(ref slots[i].Entity, null);
        Volatile.Write(ref _count, _count - 1);
        if (_slots.Length > MinimumCapacity && _count * 8 < _slots.Length)
        {
            Resize(_slots.Length / 2);
        }

        return true;
    }

    /// <summary>The entities at the moment of the call, for sweeps (passivation, diagnostics).</summary>
    public List<TEntity> Snapshot()
    {
        var slots = Volatile.Read(ref _slots);
        var entities = new List<TEntity>(Count);
        for (var i = 0; i < slots.Length; i++)
        {
            if (Volatile.Read(ref slots[i].Entity) is { } entity)
            {
                entities.Add(entity);
            }
        }

        return entities;
    }

    private void Resize(int capacity)
    {
        var slots = new Slot[capacity];
        foreach (var slot in _slots)
        {
            if (slot.Entity is { } entity)
            {
                Insert(slots, slot.Hash, entity);
            }
        }

        Volatile.Write(ref _slots, slots);
    }

    private static void Insert(Slot[] slots, ulong hash, TEntity entity)
    {
        var mask = slots.Length - 1;
        var i = (int)hash & mask;
        while (slots[i].Entity is not null)
        {
            i = (i + 1) & mask;
        }

        slots[i].Hash = hash;
        Volatile.Write(ref slots[i].Entity, entity); // published after its hash
    }

    private struct Slot
    {
        public ulong Hash;
        public TEntity? Entity;
    }
}
