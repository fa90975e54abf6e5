using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CardActors.Domain.Cards;

/// <summary>
/// Storage for what a card keeps for its whole life in memory (its rings and lists). Arrays
/// of plain structs go to the pinned object heap, which the collector treats as old from the
/// start; anything holding references goes to the ordinary heap. A card outlives thousands of young
/// collections, so each of its arrays allocated there was found through the card table, copied into
/// the next generation and copied again: on a loaded node with 100,000 cards those copies were 30 to
/// 55 MB per young collection and set its pause (76 to 140 ms; first writes to fresh pages run at
/// about 0.5 GB/s on this virtual machine). Allocated here they are never moved (docs/benchmarks.md).
/// </summary>
internal static class LongLivedArrays
{
    public static T[] Allocate<T>(int length) =>
        RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? new T[length] : GC.AllocateArray<T>(length, pinned: true);

    /// <summary>Like <see cref="Array.Resize{T}"/>, into long-lived storage.</summary>
    public static void Resize<T>([NotNull] ref T[]? array, int length)
    {
        var resized = Allocate<T>(length);
        if (array is not null)
        {
            Array.Copy(array, resized, Math.Min(array.Length, length));
        }

        array = resized;
    }
}
