using System.Numerics;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// 16-bit fingerprints of identities, so that a card looks for a transaction id or a key in a
/// compact array of fingerprints instead of reading every remembered entry. Most lookups are for
/// ids the card has never seen (every new transaction asks), and reading entries of 70-odd bytes
/// each was a cache miss per entry on a node with many cards. A fingerprint that matches is only a
/// candidate: the entry itself is compared.
/// </summary>
internal static class Fingerprint
{
    public static uint Of(TransactionId id) => Mix(id.Value);

    public static uint Of(IdempotencyKey key) => Mix(key.High ^ BitOperations.RotateLeft(key.Low, 29) ^ 0x5851F42D4C957F2DUL);

    /// <summary>The primary fingerprint in the high half, the secondary in the low half.</summary>
    public static uint Pair(uint primary, uint secondary) => (primary << 16) | secondary;

    // Fibonacci hashing: the multiplication carries every input bit into the top 16.
    private static uint Mix(ulong value) => (uint)((value * 0x9E3779B97F4A7C15UL) >> 48);
}
