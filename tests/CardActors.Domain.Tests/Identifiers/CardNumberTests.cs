using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Identifiers;

public sealed class CardNumberTests
{
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("0012345678901237")]
    [InlineData("6228481234567890128")]
    public void Valid_numbers_parse_and_keep_every_digit(string digits)
    {
        Assert.True(CardNumber.TryParse(digits, out var number, out _));
        Assert.Equal(digits.Length, number.Length);
        Assert.Equal(digits, number.ToDigitString());
        Assert.True(CardNumber.TryParse(System.Text.Encoding.ASCII.GetBytes(digits), out var fromBytes, out _));
        Assert.Equal(number, fromBytes);
    }

    [Fact]
    public void Leading_zeros_survive()
    {
        var number = CardNumber.Parse("0012345678901237");
        Span<byte> ascii = stackalloc byte[19];
        var written = number.FormatDigits(ascii);
        Assert.Equal("0012345678901237"u8.ToArray(), ascii[..written].ToArray());
        Assert.Equal(1234, number.FirstSix);
        Assert.Equal(1237, number.LastFour);
    }

    [Theory]
    [InlineData("411111111111111", "must be 16 to 19 digits")]
    [InlineData("41111111111111111111", "must be 16 to 19 digits")]
    [InlineData("4111111111111112", "Luhn check digit is wrong")]
    [InlineData("41111111111111a1", "must contain only the digits 0-9")]
    public void Errors_name_the_field_and_the_rule(string text, string rule)
    {
        Assert.False(CardNumber.TryParse(text, out _, out var error));
        Assert.Equal("cardNumber", error.Field);
        Assert.Equal(rule, error.Rule);
        Assert.Equal("cardNumber: " + rule, error.ToString());
    }

    [Fact]
    public void ToString_is_masked_first_six_last_four()
    {
        Assert.Equal("411111******1111", CardNumber.Parse("4111111111111111").ToString());
        Assert.Equal("622848*********0128", CardNumber.Parse("6228481234567890128").ToString());
        Assert.Equal("622848*********0128", $"{CardNumber.Parse("6228481234567890128")}");
    }

    [Fact]
    public void Luhn_matches_known_check_digits()
    {
        Assert.Equal(1, Luhn.ComputeCheckDigit(411111111111111));
        Assert.True(Luhn.IsValid(79927398713));
        Assert.False(Luhn.IsValid(79927398710));
    }

    [Fact]
    public void Parsing_does_not_allocate()
    {
        var text = "6228481234567890128".AsSpan();
        var parsed = CardNumber.TryParse(text, out _, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            parsed &= CardNumber.TryParse(text, out _, out _);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(parsed);
    }
}
