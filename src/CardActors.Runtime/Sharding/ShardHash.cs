using System.Runtime.CompilerServices;

namespace CardActors.Runtime.Sharding;

/// <summary>Stable hashes for entity keys: the same on every node, in every run, on every platform.</summary>
public static class ShardHash
{
    /// <summary>A 64-bit finalizer (SplitMix64): spreads sequential keys such as card numbers evenly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>FNV-1a over the UTF-16 code units, then the finalizer.</summary>
    public static ulong Of(ReadOnlySpan<char> value)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return Of(hash);
    }

    public static int ShardOf(ulong hash, int shardCount) => (int)(hash % (ulong)shardCount);
}
