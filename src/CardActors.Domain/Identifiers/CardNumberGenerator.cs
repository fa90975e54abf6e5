namespace CardActors.Domain.Identifiers;

/// <summary>
/// Issues card numbers for one issuer prefix (IIN) and length: prefix + account part + Luhn digit.
/// The account part either counts up from a start, or walks a seeded permutation of all account
/// parts so that numbers look random, are never repeated until the range is exhausted, and the
/// same seed always gives the same sequence (bulk orders can be re-run). Not thread-safe: one
/// generator belongs to one issuing process.
/// </summary>
public sealed class CardNumberGenerator
{
    private readonly ulong _prefixScaled;
    private readonly ulong _accountRange;
    private readonly ulong _multiplier;
    private readonly ulong _offset;
    private ulong _issued;

    private CardNumberGenerator(ulong prefix, int prefixLength, int length, ulong multiplier, ulong offset)
    {
        var accountDigits = length - prefixLength - 1;
        _accountRange = CardNumber.Pow10(accountDigits);
        _prefixScaled = prefix * _accountRange;
        _multiplier = multiplier;
        _offset = offset;
        Length = length;
        PrefixLength = prefixLength;
    }

    public int Length { get; }

    public int PrefixLength { get; }

    /// <summary>How many distinct numbers this generator can issue.</summary>
    public ulong Capacity => _accountRange;

    /// <summary>How many numbers have been issued so far.</summary>
    public ulong Issued => _issued;

    /// <summary>Account parts start, first, start + 1, …</summary>
    public static CardNumberGenerator Sequential(ReadOnlySpan<char> issuerPrefix, int length, ulong start = 0)
    {
        var (prefix, prefixLength) = ParsePrefix(issuerPrefix, length);
        var generator = new CardNumberGenerator(prefix, prefixLength, length, 1, 0);
        generator._issued = start < generator._accountRange
            ? start
            : throw new ArgumentOutOfRangeException(nameof(start), "cardNumberGenerator: start beyond the account range");
        return generator;
    }

    /// <summary>Account parts in a seeded, collision-free scrambled order.</summary>
    public static CardNumberGenerator Scrambled(ReadOnlySpan<char> issuerPrefix, int length, ulong seed)
    {
        var (prefix, prefixLength) = ParsePrefix(issuerPrefix, length);
        var range = CardNumber.Pow10(length - prefixLength - 1);
        // An affine map x -> (a·x + b) mod 10^k is a permutation when a is coprime with 10.
        var multiplier = Mix(seed) % range;
        if (multiplier % 2 == 0)
        {
            multiplier++;
        }
        if (multiplier % 5 == 0)
        {
            multiplier += 2;
        }
        var offset = Mix(seed ^ 0x9E3779B97F4A7C15UL) % range;
        return new CardNumberGenerator(prefix, prefixLength, length, multiplier, offset);
    }

    /// <summary>The next number; throws when the account range is exhausted.</summary>
    public CardNumber Next()
    {
        if (_issued >= _accountRange)
        {
            throw new InvalidOperationException("cardNumberGenerator: account range exhausted");
        }
        var number = ForSequence(_issued);
        _issued++;
        return number;
    }

    /// <summary>The number at position <paramref name="sequence"/> of this generator's order.</summary>
    public CardNumber ForSequence(ulong sequence)
    {
        if (sequence >= _accountRange)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), "cardNumberGenerator: beyond the account range");
        }
        var account = (ulong)(((UInt128)_multiplier * sequence + _offset) % _accountRange);
        var payload = _prefixScaled + account;
        var digits = (payload * 10) + (ulong)Luhn.ComputeCheckDigit(payload);
        if (!CardNumber.TryCreate(digits, Length, out var number, out var error))
        {
            throw new InvalidOperationException(error.ToString());
        }
        return number;
    }

    private static (ulong Prefix, int Length) ParsePrefix(ReadOnlySpan<char> issuerPrefix, int length)
    {
        if (length is < CardNumber.MinLength or > CardNumber.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "cardNumber: must be 16 to 19 digits");
        }
        if (issuerPrefix.Length is < 1 or > 11 || issuerPrefix.Length > length - 2)
        {
            throw new ArgumentException("issuerPrefix: must be 1 to 11 digits and leave room for an account part", nameof(issuerPrefix));
        }
        if (issuerPrefix[0] == '0')
        {
            throw new ArgumentException("issuerPrefix: must not start with 0", nameof(issuerPrefix));
        }
        ulong prefix = 0;
        foreach (var c in issuerPrefix)
        {
            if (c is < '0' or > '9')
            {
                throw new ArgumentException("issuerPrefix: must contain only the digits 0-9", nameof(issuerPrefix));
            }
            prefix = (prefix * 10) + (ulong)(c - '0');
        }
        return (prefix, issuerPrefix.Length);
    }

    private static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
