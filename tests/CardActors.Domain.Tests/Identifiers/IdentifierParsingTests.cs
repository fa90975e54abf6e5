using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Identifiers;

public sealed class IdentifierParsingTests
{
    [Fact]
    public void Merchant_id_is_fifteen_printable_characters()
    {
        Assert.True(MerchantId.TryParse("CANTEEN 0000001", out var id, out _));
        Assert.Equal("CANTEEN 0000001", id.ToString());
        Span<byte> ascii = stackalloc byte[15];
        id.CopyTo(ascii);
        Assert.True(MerchantId.TryParse(ascii, out var again, out _));
        Assert.Equal(id, again);
    }

    [Theory]
    [InlineData("SHORT", "must be exactly 15 characters")]
    [InlineData("CANTEEN00000001X", "must be exactly 15 characters")]
    [InlineData("CANTEEN0000000\u00e9", "must be printable ASCII")]
    [InlineData("               ", "must not be all spaces")]
    public void Merchant_id_errors_name_field_and_rule(string text, string rule)
    {
        Assert.False(MerchantId.TryParse(text, out _, out var error));
        Assert.Equal(new FieldError("merchantId", rule), error);
    }

    [Theory]
    [InlineData("T001", "must be exactly 8 characters")]
    [InlineData("T000000\t", "must be printable ASCII")]
    [InlineData("        ", "must not be all spaces")]
    public void Terminal_id_errors_name_field_and_rule(string text, string rule)
    {
        Assert.False(TerminalId.TryParse(text, out _, out var error));
        Assert.Equal(new FieldError("terminalId", rule), error);
    }

    [Fact]
    public void Terminal_id_round_trips()
    {
        var id = TerminalId.Parse("POS-0042");
        Assert.Equal("POS-0042", id.ToString());
        Span<byte> ascii = stackalloc byte[8];
        id.CopyTo(ascii);
        Assert.True(TerminalId.TryParse(ascii, out var again, out _));
        Assert.Equal(id, again);
    }

    [Fact]
    public void Transaction_id_is_sixteen_hex_digits()
    {
        var id = new TransactionId(0x1234_ABCD);
        Assert.Equal("000000001234ABCD", id.ToString());
        Assert.Equal(id, TransactionId.Parse("000000001234abcd"));
        Assert.False(TransactionId.TryParse("1234", out _, out var error));
        Assert.Equal(new FieldError("transactionId", "must be exactly 16 hexadecimal digits"), error);
        Assert.False(TransactionId.TryParse("000000000000000G", out _, out error));
        Assert.Equal("transactionId", error.Field);
        Assert.False(TransactionId.TryParse("0000000000000000", out _, out error));
        Assert.Equal(new FieldError("transactionId", "must not be zero"), error);
    }

    [Fact]
    public void Product_id_parses_decimal()
    {
        Assert.True(ProductId.TryParse("17", out var id, out _));
        Assert.Equal(17u, id.Value);
        Assert.False(ProductId.TryParse("x", out _, out var error));
        Assert.Equal("productId", error.Field);
        Assert.False(ProductId.TryParse("0", out _, out error));
        Assert.Equal(new FieldError("productId", "must not be zero"), error);
    }
}
