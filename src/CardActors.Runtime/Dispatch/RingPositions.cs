using System.Runtime.InteropServices;

namespace CardActors.Runtime.Dispatch;

/// <summary>
/// A ring's positions: the producers' line (tail, last head seen) and the consumer's line (head),
/// apart from each other and from the fields around them. Not nested in the generic ring, since a
/// generic type cannot have an explicit layout.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 3 * Line)]
internal struct RingPositions
{
    private const int Line = 128; // two 64-byte lines: processors fetch lines in adjacent pairs

    [FieldOffset(Line)]
    public long Tail;

    [FieldOffset(Line + 8)]
    public long HeadSeen;

    [FieldOffset(2 * Line)]
    public long Head;
}
