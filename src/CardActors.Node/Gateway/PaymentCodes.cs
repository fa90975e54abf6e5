using System.Collections.Concurrent;
using System.Security.Cryptography;
using CardActors.Domain.Identifiers;

namespace CardActors.Node.Gateway;

/// <summary>
/// Payment codes: short-lived tokens a cardholder's app shows as a QR code, bound to one card, paying
/// once. A code is 20 characters of 0-9 and A-Z, random, valid for a minute. After use it is kept
/// (bounded) so that a retransmission of the same POS message resolves again and that follow-ups
/// without a PAN (completion, reversal) find their card.
/// </summary>
public sealed class PaymentCodes(TimeProvider time)
{
    public const int Length = 20;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const int MaxRemembered = 1_000_000;
    private static readonly TimeSpan Validity = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan UsedRetention = TimeSpan.FromDays(8);
    private readonly ConcurrentDictionary<UInt128, Entry> _codes = new();
    private readonly ConcurrentDictionary<TransactionId, CardNumber> _byTransaction = new();

    public (string Code, DateTimeOffset ExpiresAt) Issue(CardNumber card)
    {
        Sweep();
        Span<char> code = stackalloc char[Length];
        Span<byte> random = stackalloc byte[Length];
        UInt128 packed;
        do
        {
            RandomNumberGenerator.Fill(random);
            for (var i = 0; i < Length; i++)
            {
                code[i] = Alphabet[random[i] % Alphabet.Length];
            }

            TryPack(code, out packed);
        }
        while (!_codes.TryAdd(packed, new Entry(card, time.GetUtcNow() + Validity, TransactionId.None)));

        return (new string(code), time.GetUtcNow() + Validity);
    }

    /// <summary>The card behind a scanned code for this transaction; false when unknown, expired or used by another.</summary>
    public bool TryResolve(ReadOnlySpan<byte> code, TransactionId transaction, out CardNumber card)
    {
        card = default;
        if (!TryPack(code, out var packed) || !_codes.TryGetValue(packed, out var entry))
        {
            return false;
        }

        if (!entry.UsedBy.IsNone)
        {
            card = entry.Card;
            return entry.UsedBy == transaction; // a retransmission of the paying message
        }

        if (time.GetUtcNow() >= entry.ExpiresAt || !_codes.TryUpdate(packed, entry with { UsedBy = transaction, ExpiresAt = time.GetUtcNow() + UsedRetention }, entry))
        {
            return false;
        }

        _byTransaction[transaction] = entry.Card;
        card = entry.Card;
        return true;
    }

    /// <summary>The card a payment-code transaction was made with, for follow-ups that carry no PAN.</summary>
    public bool TryFindCard(TransactionId original, out CardNumber card) => _byTransaction.TryGetValue(original, out card);

    private void Sweep()
    {
        if (_codes.Count < MaxRemembered / 2)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (code, entry) in _codes)
        {
            if (now >= entry.ExpiresAt && _codes.TryRemove(code, out _) && !entry.UsedBy.IsNone)
            {
                _byTransaction.TryRemove(entry.UsedBy, out _);
            }
        }
    }

    private static bool TryPack(ReadOnlySpan<byte> code, out UInt128 packed)
    {
        Span<char> chars = stackalloc char[Length];
        if (code.Length != Length)
        {
            packed = default;
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            chars[i] = (char)code[i];
        }

        return TryPack(chars, out packed);
    }

    private static bool TryPack(ReadOnlySpan<char> code, out UInt128 packed)
    {
        packed = 0;
        if (code.Length != Length)
        {
            return false;
        }

        foreach (var c in code)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }

            packed = (packed * 36) + (uint)digit;
        }

        return true;
    }

    private readonly record struct Entry(CardNumber Card, DateTimeOffset ExpiresAt, TransactionId UsedBy);
}
