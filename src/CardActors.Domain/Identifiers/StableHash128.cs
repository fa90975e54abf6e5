using System.Buffers.Binary;
using System.Numerics;

namespace CardActors.Domain.Identifiers;

/// <summary>
/// A non-cryptographic 128-bit hash whose value never depends on the machine, the process or the
/// runtime version: input is read as little-endian words explicitly and there is no random seed.
/// Idempotency keys derived with it are journaled, so its output is frozen by golden tests; any
/// change to this function is a change of the journal format.
/// </summary>
public static class StableHash128
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63UL;

    public static (ulong High, ulong Low) Hash(ReadOnlySpan<byte> data, ulong domain)
    {
        var h1 = domain ^ Prime3 ^ ((ulong)data.Length * Prime1);
        var h2 = ~domain ^ Prime4 ^ ((ulong)data.Length * Prime2);
        var blocks = data.Length / 16;
        for (var i = 0; i < blocks; i++)
        {
            var block = data.Slice(i * 16, 16);
            (h1, h2) = Round(h1, h2, BinaryPrimitives.ReadUInt64LittleEndian(block), BinaryPrimitives.ReadUInt64LittleEndian(block[8..]));
        }
        var tail = data[(blocks * 16)..];
        if (!tail.IsEmpty)
        {
            Span<byte> padded = stackalloc byte[16];
            padded.Clear();
            tail.CopyTo(padded);
            // A marker after the tail keeps "ab" and "ab\0" apart even though the length already differs.
            padded[tail.Length] ^= 0x80;
            (h1, h2) = Round(h1, h2, BinaryPrimitives.ReadUInt64LittleEndian(padded), BinaryPrimitives.ReadUInt64LittleEndian(padded[8..]));
        }
        h1 += h2;
        h2 += h1;
        h1 = Finalize(h1);
        h2 = Finalize(h2);
        h1 += h2;
        h2 += h1;
        return (h1, h2);
    }

    private static (ulong, ulong) Round(ulong h1, ulong h2, ulong k1, ulong k2)
    {
        h1 ^= BitOperations.RotateLeft(k1 * Prime2, 31) * Prime1;
        h1 = (BitOperations.RotateLeft(h1, 27) + h2) * 5 + Prime4;
        h2 ^= BitOperations.RotateLeft(k2 * Prime1, 33) * Prime2;
        h2 = (BitOperations.RotateLeft(h2, 31) + h1) * 5 + Prime3;
        return (h1, h2);
    }

    private static ulong Finalize(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCDUL;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53UL;
        value ^= value >> 33;
        return value;
    }
}
