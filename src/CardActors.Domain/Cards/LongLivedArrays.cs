using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CardActors.Domain.Cards;

/// <summary>
/// Storage for what a card keeps for its whole life in memory (its rings and lists). Arrays of
/// plain structs go to the pinned object heap, which the collector treats as old from the start;
/// anything holding references goes to the ordinary heap. A card outlives thousands of young
/// collections, so each of its arrays allocated there was found through the card table, copied into
/// the next generation and copied again: on a loaded node with 100,000 cards those copies were 30 to
/// 55 MB per young collection and set its pause (76 to 140 ms). Allocated here they are never moved.
/// <para>
/// The pinned heap frees its garbage only in full collections, and allocating there among freed
/// arrays is slow: a node whose cards dropped arrays there (a list outgrown, a ring emptied) spent
/// 12 % of its CPU time in that allocator. So an array a card outgrows or empties comes back here
/// (<see cref="Return{T}"/>) and goes, cleared, to the next card that needs one of its length
/// (docs/benchmarks.md).
/// </para>
/// </summary>
internal static class LongLivedArrays
{
    /// <summary>Arrays kept per element type and length; more are left to the collector.</summary>
    public const int KeptPerLength = 1024;

    public static T[] Allocate<T>(int length)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return new T[length];
        }

        return Recycled<T>.TryTake(length) ?? GC.AllocateArray<T>(length, pinned: true);
    }

    /// <summary>
    /// Gives back an array its owner no longer refers to, cleared, for another card. The caller
    /// must drop every reference to it: it may be handed out again at once.
    /// </summary>
    public static void Return<T>(T[]? array)
    {
        if (array is null || RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return;
        }

        Array.Clear(array);
        Recycled<T>.Keep(array);
    }

    /// <summary>Like <see cref="Array.Resize{T}"/>, into long-lived storage; the old array is returned.</summary>
    public static void Resize<T>([NotNull] ref T[]? array, int length)
    {
        var resized = Allocate<T>(length);
        if (array is not null)
        {
            Array.Copy(array, resized, Math.Min(array.Length, length));
            Return(array);
        }

        array = resized;
    }

    /// <summary>How many arrays of <typeparamref name="T"/> and <paramref name="length"/> wait to be reused (for tests).</summary>
    internal static int KeptCount<T>(int length) => Recycled<T>.Count(length);

    private static class Recycled<T>
    {
        private static readonly Lock Gate = new();
        private static readonly Dictionary<int, Stack<T[]>> ByLength = [];

        public static T[]? TryTake(int length)
        {
            lock (Gate)
            {
                return ByLength.TryGetValue(length, out var kept) && kept.TryPop(out var array) ? array : null;
            }
        }

        public static void Keep(T[] array)
        {
            lock (Gate)
            {
                if (!ByLength.TryGetValue(array.Length, out var kept))
                {
                    ByLength[array.Length] = kept = new Stack<T[]>();
                }

                if (kept.Count < KeptPerLength)
                {
                    kept.Push(array);
                }
            }
        }

        public static int Count(int length)
        {
            lock (Gate)
            {
                return ByLength.TryGetValue(length, out var kept) ? kept.Count : 0;
            }
        }
    }
}
