using System.Globalization;

namespace CardActors.Domain.Monetary;

/// <summary>
/// An amount in minor units of one currency. Arithmetic is checked (overflow throws) and refuses to
/// mix currencies; there is no floating point anywhere in it.
/// </summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    public Money(long minorUnits, Currency currency)
    {
        MinorUnits = minorUnits;
        Currency = currency;
    }

    public long MinorUnits { get; }

    public Currency Currency { get; }

    public static Money Zero => default;

    public bool IsZero => MinorUnits == 0;

    public bool IsPositive => MinorUnits > 0;

    public bool IsNegative => MinorUnits < 0;

    /// <summary>An amount in fen (CNY minor units).</summary>
    public static Money Fen(long fen) => new(fen, Currency.Cny);

    /// <summary>Whole yuan, converted to fen with an overflow check.</summary>
    public static Money Yuan(long yuan) => new(checked(yuan * 100), Currency.Cny);

    /// <summary>Whole major units of <paramref name="currency"/>.</summary>
    public static Money FromMajor(long major, Currency currency)
    {
        long scale = 1;
        for (var i = 0; i < currency.Exponent; i++)
        {
            scale *= 10;
        }
        return new Money(checked(major * scale), currency);
    }

    /// <summary>
    /// This amount times <paramref name="rate"/>, rounded half away from zero (see <see cref="Rounding"/>).
    /// </summary>
    public Money ApplyRate(BasisPoints rate) => new(Rounding.ApplyRate(MinorUnits, rate), Currency);

    public Money Negate() => new(checked(-MinorUnits), Currency);

    public static Money operator +(Money left, Money right)
    {
        RequireSameCurrency(left, right);
        return new Money(checked(left.MinorUnits + right.MinorUnits), left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        RequireSameCurrency(left, right);
        return new Money(checked(left.MinorUnits - right.MinorUnits), left.Currency);
    }

    public static Money operator -(Money value) => value.Negate();

    public static Money operator *(Money left, long factor) => new(checked(left.MinorUnits * factor), left.Currency);

    public static Money Add(Money left, Money right) => left + right;

    public static Money Subtract(Money left, Money right) => left - right;

    public static Money Multiply(Money left, long factor) => left * factor;

    public int CompareTo(Money other)
    {
        RequireSameCurrency(this, other);
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    public bool Equals(Money other) => MinorUnits == other.MinorUnits && Currency == other.Currency;

    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(MinorUnits, Currency);

    public static bool operator ==(Money left, Money right) => left.Equals(right);

    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <summary>Major units with the currency's decimals and its numeric code, e.g. "12.34 156".</summary>
    public override string ToString()
    {
        var exponent = Currency.Exponent;
        var sign = MinorUnits < 0 ? "-" : string.Empty;
        var magnitude = MinorUnits == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(MinorUnits);
        if (exponent == 0)
        {
            return sign + magnitude.ToString(CultureInfo.InvariantCulture) + " " + Currency;
        }
        ulong scale = 1;
        for (var i = 0; i < exponent; i++)
        {
            scale *= 10;
        }
        var whole = (magnitude / scale).ToString(CultureInfo.InvariantCulture);
        var fraction = (magnitude % scale).ToString("D" + exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return sign + whole + "." + fraction + " " + Currency;
    }

    private static void RequireSameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw CurrencyMismatchException.Between(left.Currency, right.Currency);
        }
    }
}
