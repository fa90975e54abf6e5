using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CardActors.Runtime.Dispatch;

/// <summary>
/// Asks the processor to start loading an object that a loop will reach a few items later. The
/// journal writer walks thousands of writes whose entities sit at random places in a large heap;
/// touching them one by one waits for one miss after another, while a hint some items ahead lets
/// those misses overlap. A hint never faults and never changes a result: a moved or null object
/// only makes it useless.
/// </summary>
public static class Prefetch
{
    /// <summary>How many items ahead of its work a loop hints.</summary>
    public const int Distance = 8;

    /// <summary>The item <see cref="Distance"/> places after <paramref name="index"/>, or null past the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T? Ahead<T>(IReadOnlyList<T> items, int index)
        where T : class => index + Distance < items.Count ? items[index + Distance] : null;

    /// <summary>Hints the first <paramref name="bytes"/> bytes of an object (its header line included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object? target, int bytes)
    {
        if (Sse.IsSupported && target is not null)
        {
            var start = *(byte**)Unsafe.AsPointer(ref target);
            for (var offset = 0; offset < bytes; offset += 64)
            {
                Sse.Prefetch0(start + offset);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object? target)
    {
        if (Sse.IsSupported && target is not null)
        {
            Sse.Prefetch0(*(void**)Unsafe.AsPointer(ref target));
        }
    }
}
