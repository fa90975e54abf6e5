using CardActors.Domain.Monetary;

namespace CardActors.Domain.Tests.Monetary;

/// <summary>The project's one rule: half up, meaning away from zero, in integers.</summary>
public sealed class RoundingTests
{
    [Theory]
    [InlineData(100, 50, 1)]          // 0.5 fen exactly -> 1
    [InlineData(99, 50, 0)]           // 0.495 -> 0
    [InlineData(300, 50, 2)]          // 1.5 -> 2
    [InlineData(500, 50, 3)]          // 2.5 -> 3 (not banker's 2)
    [InlineData(700, 50, 4)]          // 3.5 -> 4
    [InlineData(-100, 50, -1)]        // -0.5 -> -1 (away from zero)
    [InlineData(-500, 50, -3)]        // -2.5 -> -3
    [InlineData(-99, 50, 0)]
    [InlineData(12_345, 30, 37)]      // 37.035 -> 37
    [InlineData(1_000_000, 50, 5_000)]
    [InlineData(1_666_667, 30, 5_000)] // 5000.0001 -> 5000
    [InlineData(1_666_650, 30, 5_000)] // 4999.95 -> 5000
    [InlineData(1_666_483, 30, 4_999)] // 4999.449 -> 4999
    [InlineData(123, 0, 0)]
    [InlineData(123, 10_000, 123)]
    public void Applies_a_rate_half_away_from_zero(long minor, int basisPoints, long expected) =>
        Assert.Equal(expected, Money.Fen(minor).ApplyRate(new BasisPoints(basisPoints)).MinorUnits);

    [Theory]
    [InlineData(5, 10, 1)]
    [InlineData(4, 10, 0)]
    [InlineData(15, 10, 2)]
    [InlineData(25, 10, 3)]
    [InlineData(-15, 10, -2)]
    [InlineData(-14, 10, -1)]
    [InlineData(1, 3, 0)]
    [InlineData(2, 3, 1)]
    public void Divides_half_away_from_zero(long numerator, long denominator, long expected) =>
        Assert.Equal(expected, Rounding.DivideHalfAwayFromZero(numerator, denominator));

    [Fact]
    public void Large_amounts_do_not_overflow_in_the_intermediate_product()
    {
        var result = Money.Fen(long.MaxValue / 2).ApplyRate(new BasisPoints(10_000));
        Assert.Equal(long.MaxValue / 2, result.MinorUnits);
    }

    [Fact]
    public void A_result_beyond_long_throws()
    {
        Assert.Throws<OverflowException>(() => Money.Fen(long.MaxValue).ApplyRate(new BasisPoints(20_000)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rounding.DivideHalfAwayFromZero(1, 0));
    }
}
