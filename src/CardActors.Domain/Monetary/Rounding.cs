namespace CardActors.Domain.Monetary;

/// <summary>
/// The project's one rounding rule: round half up, i.e. half away from zero, done in integers.
/// Every fee, discount and rate in minor units goes through here so that settlement files, card
/// replies and reports always agree to the fen.
/// </summary>
public static class Rounding
{
    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, halves away from zero.</summary>
    public static long DivideHalfAwayFromZero(Int128 numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "denominator must be positive");
        }
        var quotient = Int128.DivRem(numerator, denominator);
        var remainder = Int128.Abs(quotient.Remainder);
        var result = quotient.Quotient;
        if (remainder * 2 >= denominator)
        {
            result += Int128.Sign(numerator);
        }
        return checked((long)result);
    }

    /// <summary><paramref name="minorUnits"/> × <paramref name="rate"/>, rounded by the project's rule.</summary>
    public static long ApplyRate(long minorUnits, BasisPoints rate) =>
        DivideHalfAwayFromZero((Int128)minorUnits * rate.Value, BasisPoints.PerWhole);
}
