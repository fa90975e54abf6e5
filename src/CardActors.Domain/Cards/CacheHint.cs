using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CardActors.Domain.Cards;

/// <summary>
/// Asks the processor to start loading an item that a decision is about to read or write. A card
/// keeps its memory in arrays of its own, and on a node with many cards each of them is a cache
/// miss; asked for together at the start of a decision, those misses overlap instead of following
/// one another. A hint never faults and never changes a result, so a stale address only wastes it.
/// </summary>
internal static class CacheHint
{
    private const int LineSize = 64;

    /// <summary>Hints the first <paramref name="bytes"/> bytes of an object's fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object target, int bytes)
    {
        if (Sse.IsSupported)
        {
            // Only an address to hint, never dereferenced: if the collector moves the object meanwhile, the hint is wasted.
            var first = (byte*)Unsafe.AsPointer(ref Unsafe.As<RawFields>(target).First);
            for (var offset = 0; offset < bytes; offset += LineSize)
            {
                Sse.Prefetch0(first + offset);
            }
            Sse.Prefetch0(first + bytes - 1);
        }
    }

    /// <summary>
    /// Hints the item <paramref name="index"/> places after <paramref name="first"/> of a pinned
    /// array, by address arithmetic: no reference past the array is ever formed, so an index beyond
    /// it (a ring whose storage is smaller than its capacity) only wastes the hint.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Load<T>(ref T first, int index)
    {
        if (Sse.IsSupported)
        {
            var start = (byte*)Unsafe.AsPointer(ref first) + ((nint)index * Unsafe.SizeOf<T>());
            Sse.Prefetch0(start);
            Sse.Prefetch0(start + Unsafe.SizeOf<T>() - 1); // an item can straddle two lines
        }
    }

    /// <summary>Any object seen as this type: its first field is where the object's fields begin.</summary>
    private sealed class RawFields
    {
#pragma warning disable CS0649 // never written: only its address is taken
        public byte First;
#pragma warning restore CS0649
    }
}
