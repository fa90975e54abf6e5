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

    /// <summary>The item <paramref name="distance"/> places after <paramref name="index"/>, or null past the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T? Ahead<T>(IReadOnlyList<T> items, int index, int distance = Distance)
        where T : class => index + distance < items.Count ? items[index + distance] : null;

    /// <summary>
    /// Hints, for a loop over <paramref name="items"/> that reads an object each item refers to,
    /// the item twice the distance ahead and that object of the item at the distance: reading the
    /// reference is itself a miss unless the item was hinted first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Referents<T>(IReadOnlyList<T> items, int index, Func<T, object?> referent)
        where T : class
    {
        Object(Ahead(items, index, 2 * Distance));
        if (Ahead(items, index) is { } item)
        {
            Object(referent(item));
        }
    }

    /// <summary>Hints the first <paramref name="bytes"/> bytes of an object, from its header line on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object? target, int bytes = 1)
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
}
