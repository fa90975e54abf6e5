using CardActors.Domain.Monetary;

namespace CardActors.Domain.Tests.Monetary;

public sealed class MoneyTests
{
    [Fact]
    public void Default_money_is_zero_CNY_with_two_decimals()
    {
        Money zero = default;
        Assert.Equal(156, zero.Currency.NumericCode);
        Assert.Equal(2, zero.Currency.Exponent);
        Assert.Equal(Currency.Cny, zero.Currency);
        Assert.Equal(Money.Fen(0), zero);
    }

    [Fact]
    public void Arithmetic_is_exact_in_minor_units()
    {
        Assert.Equal(Money.Fen(1_050), Money.Yuan(10) + Money.Fen(50));
        Assert.Equal(Money.Fen(-50), Money.Fen(100) - Money.Fen(150));
        Assert.Equal(Money.Fen(300), Money.Fen(100) * 3);
        Assert.True(Money.Fen(1) > Money.Zero);
    }

    [Fact]
    public void Overflow_throws()
    {
        Assert.Throws<OverflowException>(() => Money.Fen(long.MaxValue) + Money.Fen(1));
        Assert.Throws<OverflowException>(() => Money.Fen(long.MinValue) - Money.Fen(1));
        Assert.Throws<OverflowException>(() => Money.Yuan(long.MaxValue / 10));
        Assert.Throws<OverflowException>(() => Money.Fen(long.MinValue).Negate());
    }

    [Fact]
    public void Currencies_do_not_mix()
    {
        var usd = new Money(100, Currency.Create(840, 2));
        Assert.Throws<CurrencyMismatchException>(() => Money.Fen(100) + usd);
        Assert.Throws<CurrencyMismatchException>(() => Money.Fen(100) - usd);
        Assert.Throws<CurrencyMismatchException>(() => Money.Fen(100) < usd);
        Assert.NotEqual(Money.Fen(100), usd);
    }

    [Fact]
    public void Currency_validation_names_the_field()
    {
        Assert.False(Currency.TryCreate(1000, 2, out _, out var error));
        Assert.Equal("currency", error.Field);
        Assert.False(Currency.TryCreate(392, 7, out _, out error));
        Assert.Contains("exponent", error.Rule, StringComparison.Ordinal);
        Assert.True(Currency.TryCreate(392, 0, out var yen, out _));
        Assert.Equal(5, Money.FromMajor(5, yen).MinorUnits);
    }

    [Theory]
    [InlineData(1234, "12.34 156")]
    [InlineData(-5, "-0.05 156")]
    [InlineData(0, "0.00 156")]
    public void Formats_major_units(long fen, string expected) => Assert.Equal(expected, Money.Fen(fen).ToString());
}
