using System.Security.Cryptography;

namespace CardActors.Iso8583;

/// <summary>
/// The message authentication code: the first 8 bytes of HMAC-SHA256 under the terminal's 32-byte
/// key, over every byte from the first byte of the MTI up to, not including, the MAC field (the
/// bitmaps as sent, with the MAC's bit set). The length header is not covered. The MAC travels in
/// field 64, or in field 128 when the message has a secondary bitmap, so it is always the last field.
/// </summary>
public static class Iso8583Mac
{
    public const int Length = 8;

    /// <summary>Writes the 8-byte MAC of <paramref name="covered"/> into <paramref name="destination"/>.</summary>
    public static void Compute(MacKey key, ReadOnlySpan<byte> covered, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        key.ComputeHmac(covered, hash);
        hash[..Length].CopyTo(destination);
    }

    /// <summary>Compares in constant time, so the comparison leaks nothing about the expected MAC.</summary>
    public static bool Verify(MacKey key, ReadOnlySpan<byte> covered, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Length];
        Compute(key, covered, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    /// <summary>Checks a parsed message's MAC against one key.</summary>
    public static bool Verify(Iso8583Message message, MacKey key) =>
        message.MacField != 0 && Verify(key, message.MacCoveredBytes, message.Mac);

    /// <summary>
    /// Checks a parsed message's MAC against the keys of the terminal in its field 41.
    /// <paramref name="verifiedWith"/> is the key that matched: answer with a MAC under that key.
    /// </summary>
    public static MacVerification Verify(Iso8583Message message, ITerminalKeyProvider keys, out MacKey? verifiedWith)
    {
        verifiedWith = null;
        if (!message.Has(FieldNumber.TerminalId) ||
            !keys.TryGetKeys(message.GetText(FieldNumber.TerminalId), out var current, out var previous))
        {
            return MacVerification.UnknownTerminal;
        }

        if (message.MacField == 0)
        {
            return MacVerification.Missing;
        }

        if (Verify(message, current))
        {
            verifiedWith = current;
            return MacVerification.Valid;
        }

        if (previous is not null && Verify(message, previous))
        {
            verifiedWith = previous;
            return MacVerification.ValidWithPreviousKey;
        }

        return MacVerification.Invalid;
    }
}
