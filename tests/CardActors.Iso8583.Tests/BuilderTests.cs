using System.Buffers;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

public sealed class BuilderTests
{
    [Fact]
    public void Setters_reject_values_the_specification_does_not_allow()
    {
        using var b = new Iso8583MessageBuilder();
        b.Reset(MessageType.FinancialRequest);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.SetNumeric(FieldNumber.Stan, 1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.SetNumeric(FieldNumber.Amount, -1));
        Assert.Throws<ArgumentException>(() => b.SetNumeric(FieldNumber.TerminalId, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.SetNumeric(FieldNumber.AcquirerId, 123_456_789_012));
        Assert.Throws<ArgumentException>(() => b.SetDigits(FieldNumber.PrimaryAccountNumber, "62770000000000000001"));
        Assert.Throws<ArgumentException>(() => b.SetDigits(FieldNumber.PrimaryAccountNumber, "6277x"));
        Assert.Throws<ArgumentException>(() => b.SetDigits(FieldNumber.ProcessingCode, "0000"));
        Assert.Throws<ArgumentException>(() => b.SetText(FieldNumber.TerminalId, "TERMINAL9"));
        Assert.Throws<ArgumentException>(() => b.SetText(FieldNumber.RetrievalReferenceNumber, "0000-0000"));
        Assert.Throws<ArgumentException>(() => b.SetText(FieldNumber.MerchantId, "MERCHANT\u00e90001"));
        Assert.Throws<ArgumentException>(() => b.SetText(FieldNumber.AdditionalAmounts, "0001156X000000007500"));
        Assert.Throws<ArgumentException>(() => b.SetBinary(FieldNumber.Mac, new byte[7]));
        Assert.Throws<ArgumentException>(() => b.SetPaymentCode("short"));
        Assert.Throws<ArgumentException>(() => b.SetPaymentCode("88012345678901abcdef"));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.SetResponseCode(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => FieldSpecs.Get(129));
        Assert.Equal(UInt128.Zero, b.Fields);
    }

    [Fact]
    public void Fixed_text_is_space_padded_and_numbers_zero_filled()
    {
        using var b = new Iso8583MessageBuilder();
        b.Reset(MessageType.NetworkManagementResponse).SetNumeric(7, 1122093000).SetNumeric(11, 7).SetNumeric(32, 1)
            .SetResponseCode(0).SetText(41, "T1").SetText(42, "M1").SetNumeric(70, 301);
        var bytes = new byte[128];
        var length = b.WriteTo(bytes);

        using var m = new Iso8583Message();
        Assert.True(m.TryParse(bytes.AsMemory(0, length), out var error), error.ToString());
        Assert.Equal("T1      "u8.ToArray(), m.GetText(41).ToArray());
        Assert.Equal("T1"u8.ToArray(), m.GetTrimmedText(41).ToArray());
        Assert.Equal(new byte[] { 0x00, 0x00, 0x07 }, m.GetRaw(11).ToArray());
        Assert.Equal(1, m.GetLength(32));
        Assert.Equal(new byte[] { 0x03, 0x01 }, m.GetRaw(70).ToArray());
    }

    [Fact]
    public void Presence_is_checked_when_writing()
    {
        using var b = new Iso8583MessageBuilder();
        b.Reset(MessageType.NetworkManagementRequest).SetNumeric(7, 1122093000).SetNumeric(32, 1).SetText(41, "T1").SetText(42, "M1").SetNumeric(70, 1);
        var error = Assert.Throws<InvalidOperationException>(() => b.WriteTo(new byte[256], Samples.Key));
        Assert.Contains("Field 11", error.Message, StringComparison.Ordinal);

        b.SetNumeric(11, 1).SetNumeric(4, 100);
        error = Assert.Throws<InvalidOperationException>(() => b.WriteTo(new byte[256], Samples.Key));
        Assert.Contains("Field 4", error.Message, StringComparison.Ordinal);

        b.Remove(4);
        Assert.True(b.WriteTo(new byte[256], Samples.Key) > 0);
        Assert.Throws<ArgumentException>(() => b.WriteTo(new byte[20], Samples.Key));
        b.CheckPresence = false;
        b.Remove(11);
        Assert.True(b.WriteTo(new byte[256]) > 0);
    }

    [Fact]
    public void The_mac_goes_last_in_64_or_128()
    {
        using var b = new Iso8583MessageBuilder { CheckPresence = false };
        b.Reset(MessageType.ReversalRequest).SetNumeric(11, 1).SetOriginalData(Samples.OriginalSale);
        var bytes = new byte[256];
        var length = b.WriteTo(bytes, Samples.Key);
        using var m = new Iso8583Message();

        // Only a few fields are set, so presence fails; the walk has still placed the MAC.
        Assert.False(m.TryParse(bytes.AsMemory(0, length), out var error));
        Assert.Equal(Iso8583ErrorKind.MissingMandatoryField, error.Kind);
        Assert.Equal(FieldNumber.SecondaryMac, m.MacField);

        b.SetBinary(FieldNumber.Mac, new byte[8]);
        Assert.Throws<InvalidOperationException>(() => b.WriteTo(bytes));
        Assert.Equal(length, b.WriteTo(bytes, Samples.Key));

        b.Remove(FieldNumber.OriginalData);
        length = b.WriteTo(bytes, Samples.Key);
        Assert.False(m.TryParse(bytes.AsMemory(0, length), out error));
        Assert.Equal(Iso8583ErrorKind.MissingMandatoryField, error.Kind);
        Assert.Equal(FieldNumber.Mac, m.MacField);
        Assert.True(Iso8583Mac.Verify(m, Samples.Key));
    }

    [Fact]
    public void Setting_a_field_again_replaces_it_without_running_out_of_space()
    {
        using var b = new Iso8583MessageBuilder { CheckPresence = false };
        b.Reset(MessageType.FinancialRequest);
        for (var i = 0; i < 10_000; i++)
        {
            b.SetPaymentCode(new string('A', 16 + i % 17));
            b.SetNumeric(FieldNumber.Stan, i);
        }

        var writer = new ArrayBufferWriter<byte>();
        b.WriteFramedTo(writer);
        using var m = new Iso8583Message();
        Assert.False(m.TryParse(writer.WrittenMemory[2..], out var error));
        Assert.Equal(Iso8583ErrorKind.MissingMandatoryField, error.Kind);
        Assert.Equal(9_999, m.GetNumeric(FieldNumber.Stan));
        Assert.Equal(AdditionalData.HeaderLength + 16 + 9_999 % 17, m.GetLength(FieldNumber.AdditionalData));
    }

    [Fact]
    public void Begin_response_requires_a_request()
    {
        using var m = new Iso8583Message();
        Assert.True(m.TryParse(Samples.Frame("0210 purchase approved").AsMemory(2), out _));
        using var b = new Iso8583MessageBuilder();
        Assert.Throws<ArgumentException>(() => b.BeginResponse(m));
        Assert.Throws<InvalidOperationException>(() => new Iso8583MessageBuilder().MeasureLength(false));
    }

    [Fact]
    public void Message_types_and_processing_codes()
    {
        Assert.Equal(MessageType.ReversalAdviceResponse, MessageTypes.ResponseTo(MessageType.ReversalAdvice));
        Assert.Throws<ArgumentException>(() => MessageTypes.ResponseTo(MessageType.FinancialResponse));
        Assert.True(MessageTypes.IsRequest(MessageType.CompletionAdvice));
        Assert.False(MessageTypes.IsRequest(MessageType.NetworkManagementResponse));
        Assert.True(MessageTypes.IsDefined(MessageType.BatchTotalsResponse));
        Assert.False(MessageTypes.IsDefined((MessageType)300));

        var code = new ProcessingCode(312000);
        Assert.Equal(TransactionType.BalanceInquiry, code.TransactionType);
        Assert.Equal(20, code.FromAccount);
        Assert.Equal(0, code.ToAccount);
        Assert.Equal("210000", ProcessingCode.For(TransactionType.TopUp).ToString());
    }

    [Fact]
    public void Structured_fields_encode_exactly()
    {
        var block = new byte[20];
        new AdditionalAmount(AmountAccount.BonusPurse, AmountType.LedgerBalance, 156, -1234).WriteTo(block);
        Assert.Equal("9201156D000000001234"u8.ToArray(), block);
        Assert.True(AdditionalAmount.TryRead(block, out var read));
        Assert.Equal(-1234, read.Amount);
        Assert.False(AdditionalAmount.TryRead(block.AsSpan(1), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AdditionalAmount(AmountAccount.Card, AmountType.LedgerBalance, 156, 1_000_000_000_000).WriteTo(block));

        var packed = new byte[21];
        new OriginalDataElements(MessageType.FinancialRequest, 102, 1122093010, 12345678, 0).WriteTo(packed);
        Assert.Equal("020000010211220930100001234567800000000000", Convert.ToHexString(packed));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new OriginalDataElements(MessageType.FinancialRequest, 1_000_000, 0, 0, 0).WriteTo(packed));

        var data = new byte[40];
        var written = AdditionalData.Write(data, "BN"u8, "000017"u8);
        Assert.Equal("BN006000017"u8.ToArray(), data[..written]);
        Assert.True(AdditionalData.TryFind(data.AsSpan(0, written), "BN"u8, out var value));
        Assert.Equal("000017"u8.ToArray(), value.ToArray());
        Assert.False(AdditionalData.TryFind(data.AsSpan(0, written), "PC"u8, out _));
    }

    [Fact]
    public void Every_message_the_specification_allows_fits_in_a_frame()
    {
        var largest = 2 + 16 + FieldSpecs.All.Sum(s => s.MaxEncodedBytes);
        Assert.True(largest <= Iso8583Framing.MaxMessageLength, $"{largest} bytes");
        foreach (var number in typeof(FieldNumber).GetFields().Select(f => (int)f.GetValue(null)!).Where(n => n is > 1 and <= 128))
        {
            Assert.True(FieldSpecs.IsDefined(number), $"field {number}");
        }
    }
}
