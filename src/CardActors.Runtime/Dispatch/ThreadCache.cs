namespace CardActors.Runtime.Dispatch;

/// <summary>
/// Per-thread slots for caches of generic types. A thread-static field in a generic class is reached
/// through a slow lookup on every access; one non-generic thread-static array, indexed by a number
/// each closed generic type takes once, is a plain field read.
/// </summary>
internal static class ThreadCache
{
    private static int s_slots;
    [ThreadStatic] private static object?[]? t_slots;

    /// <summary>A slot number for one closed generic type; call once, from a static initializer.</summary>
    public static int NewSlot() => Interlocked.Increment(ref s_slots) - 1;

    public static ref object? Slot(int slot)
    {
        var slots = t_slots;
        if (slots is null || slot >= slots.Length)
        {
            slots = Grow(slot);
        }

        return ref slots[slot];
    }

    private static object?[] Grow(int slot)
    {
        var grown = new object?[Math.Max(16, (slot + 1) * 2)];
        t_slots?.CopyTo(grown, 0);
        t_slots = grown;
        return grown;
    }
}
