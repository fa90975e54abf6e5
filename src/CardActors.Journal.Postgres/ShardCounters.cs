using System.Runtime.InteropServices;

namespace CardActors.Journal.Postgres;

/// <summary>
/// The last position given out in each shard a partition writes, loaded on the shard's first write
/// (MAX(shard_sequence_nr)). Numbers taken by a transaction are tentative until it commits: a
/// transaction that stored nothing gives them back, so a shard never has a gap.
/// </summary>
internal sealed class ShardCounters
{
    private readonly Dictionary<int, long> _last = [];
    private readonly List<(int Shard, long Before)> _taken = [];

    public bool IsKnown(int shardId) => _last.ContainsKey(shardId);

    public void Load(int shardId, long last) => _last[shardId] = last;

    /// <summary>Takes <paramref name="count"/> positions of a known shard; returns the first.</summary>
    public long Take(int shardId, int count)
    {
        ref var last = ref CollectionsMarshal.GetValueRefOrNullRef(_last, shardId);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref last))
        {
            throw new InvalidOperationException($"Shard {shardId} was not loaded before its numbers were taken.");
        }

        _taken.Add((shardId, last));
        var first = last + 1;
        last += count;
        return first;
    }

    /// <summary>The transaction committed: what it took is kept.</summary>
    public void Keep() => _taken.Clear();

    /// <summary>The transaction stored nothing: what it took is given back.</summary>
    public void GiveBack()
    {
        for (var i = _taken.Count - 1; i >= 0; i--)
        {
            _last[_taken[i].Shard] = _taken[i].Before;
        }

        _taken.Clear();
    }

    /// <summary>Forgets every shard (another writer numbered them, or a commit's outcome is unknown); each is loaded again.</summary>
    public void Forget()
    {
        _taken.Clear();
        _last.Clear();
    }
}
