using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Identifiers;

public sealed class CardNumberGeneratorTests
{
    [Fact]
    public void Sequential_numbers_carry_the_prefix_and_a_valid_check_digit()
    {
        var generator = CardNumberGenerator.Sequential("622848", 19, start: 5);
        var first = generator.Next();
        var second = generator.Next();
        Assert.Equal("622848000000000005", first.ToDigitString()[..18]);
        Assert.Equal("622848000000000006", second.ToDigitString()[..18]);
        Assert.True(Luhn.IsValid(first.Digits));
        Assert.Equal(2UL, generator.Issued - 5);
    }

    [Fact]
    public void Scrambled_numbers_are_unique_and_reproducible_from_the_seed()
    {
        var a = CardNumberGenerator.Scrambled("62284812345", 16, seed: 2026);
        var b = CardNumberGenerator.Scrambled("62284812345", 16, seed: 2026);
        var seen = new HashSet<CardNumber>();
        for (var i = 0; i < 10_000; i++)
        {
            var number = a.Next();
            Assert.Equal(number, b.Next());
            Assert.StartsWith("62284812345", number.ToDigitString(), StringComparison.Ordinal);
            Assert.True(Luhn.IsValid(number.Digits));
            Assert.True(seen.Add(number));
        }
        var other = CardNumberGenerator.Scrambled("62284812345", 16, seed: 2027);
        Assert.NotEqual(CardNumberGenerator.Scrambled("62284812345", 16, seed: 2026).Next(), other.Next());
    }

    [Fact]
    public void A_small_range_is_a_full_permutation_then_exhausted()
    {
        // 11-digit prefix + 4 account digits + check digit = 16 digits: 10,000 numbers.
        var generator = CardNumberGenerator.Scrambled("62284812345", 16, seed: 9);
        var accounts = new HashSet<ulong>();
        for (var i = 0; i < 10_000; i++)
        {
            accounts.Add(generator.Next().Digits / 10 % 10_000);
        }
        Assert.Equal(10_000, accounts.Count);
        Assert.Equal(generator.Capacity, generator.Issued);
        Assert.Throws<InvalidOperationException>(() => generator.Next());
    }

    [Fact]
    public void Bad_prefixes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => CardNumberGenerator.Sequential("62A848", 16));
        Assert.Throws<ArgumentException>(() => CardNumberGenerator.Sequential("062284", 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => CardNumberGenerator.Sequential("622848", 15));
    }
}
