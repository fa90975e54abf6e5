using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Codes;

public sealed class ResponseCodeTests
{
    [Fact]
    public void Every_code_has_its_two_digit_ascii_text()
    {
        foreach (var code in Enum.GetValues<ResponseCode>())
        {
            var expected = ((int)code).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(code.ToAscii()));
            Assert.Equal(expected, code.ToText());
            Assert.True(ResponseCodes.TryParseAscii(code.ToAscii(), out var parsed));
            Assert.Equal(code, parsed);
        }
    }

    [Fact]
    public void The_iso_values_are_the_documented_ones()
    {
        Assert.Equal("00", ResponseCode.Approved.ToText());
        Assert.Equal("05", ResponseCode.DoNotHonor.ToText());
        Assert.Equal("14", ResponseCode.InvalidCardNumber.ToText());
        Assert.Equal("51", ResponseCode.InsufficientFunds.ToText());
        Assert.Equal("57", ResponseCode.NotPermittedToCardholder.ToText());
        Assert.Equal("65", ResponseCode.ExceedsFrequencyLimit.ToText());
        Assert.Equal("94", ResponseCode.DuplicateTransmission.ToText());
        Assert.Equal(16, Enum.GetValues<ResponseCode>().Length);
    }

    [Fact]
    public void Approved_and_retryable()
    {
        Assert.True(ResponseCode.Approved.IsApproved());
        Assert.False(ResponseCode.InsufficientFunds.IsApproved());
        Assert.True(ResponseCode.IssuerUnavailable.IsRetryable());
        Assert.True(ResponseCode.SystemMalfunction.IsRetryable());
        Assert.False(ResponseCode.InsufficientFunds.IsRetryable());
        Assert.False(ResponseCode.DuplicateTransmission.IsRetryable());
    }

    [Fact]
    public void Writing_ascii_does_not_allocate()
    {
        Span<byte> buffer = stackalloc byte[2];
        ResponseCode.ExpiredCard.WriteAscii(buffer);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            ResponseCode.ExpiredCard.WriteAscii(buffer);
            _ = ResponseCode.RestrictedCard.ToText();
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal("54"u8.ToArray(), buffer.ToArray());
    }

    [Fact]
    public void Unknown_or_malformed_ascii_is_rejected()
    {
        Assert.False(ResponseCodes.TryParseAscii("99"u8, out _));
        Assert.False(ResponseCodes.TryParseAscii("5"u8, out _));
        Assert.False(ResponseCodes.TryParseAscii("A0"u8, out _));
    }

    [Fact]
    public void Approval_codes_are_six_digits_and_deterministic()
    {
        var code = ApprovalCode.For(new TransactionId(12345));
        Assert.Equal(code, ApprovalCode.For(new TransactionId(12345)));
        Assert.Equal(6, code.ToString().Length);
        Assert.False(code.IsNone);
        Span<byte> ascii = stackalloc byte[6];
        code.WriteAscii(ascii);
        Assert.Equal(code.ToString(), System.Text.Encoding.ASCII.GetString(ascii));
        Assert.NotEqual(code, ApprovalCode.For(new TransactionId(12346)));
    }
}
