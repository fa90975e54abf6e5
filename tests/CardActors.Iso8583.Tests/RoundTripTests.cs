using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(Names))]
    public void Every_message_type_parses_back_and_rebuilds_byte_identical(string name)
    {
        var sample = Samples.All.Single(s => s.Name == name);
        var framed = Samples.Frame(sample.Build, sample.Mac);
        using var message = new Iso8583Message();

        Assert.True(message.TryParse(Wire.Body(framed), out var error), $"{name}: {error}");

        using var builder = new Iso8583MessageBuilder();
        sample.Build(builder);
        var expected = builder.Fields;
        if (sample.Mac)
        {
            expected |= FieldSet.Of(message.MacField);
        }

        if ((expected & FieldSet.Secondary) != UInt128.Zero)
        {
            expected |= FieldSet.Of(FieldNumber.Bitmap);
        }

        Assert.Equal(expected & ~FieldSet.Of(FieldNumber.Bitmap), message.Fields);
        Assert.Equal(builder.Mti, message.Mti);
        Assert.Equal(Wire.ToHex(framed), Wire.ToHex(Wire.Rebuild(message, sample.Mac ? Samples.Key : null)));
        Assert.Equal(Wire.ToHex(framed), Wire.ToHex(Wire.Rebuild(message, key: null)));
        if (sample.Mac)
        {
            Assert.True(Iso8583Mac.Verify(message, Samples.Key));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_message_type_parses_the_same_from_any_split_into_segments(string name)
    {
        var framed = Samples.Frame(name);
        using var whole = new Iso8583Message();
        using var split = new Iso8583Message();
        Assert.True(whole.TryParse(Wire.Body(framed), out _));
        var body = framed.AsSpan(2);
        for (var cut = 1; cut < body.Length; cut += 3)
        {
            Assert.True(split.TryParse(Wire.Segmented(body, [cut, cut + 1, cut + 7]), out var error), $"cut {cut}: {error}");
            Assert.Equal(whole.Fields, split.Fields);
            Assert.Equal(Wire.ToHex(whole.Frame), Wire.ToHex(split.Frame));
        }
    }

    [Fact]
    public void Typed_accessors_read_what_was_set()
    {
        using var message = new Iso8583Message();
        Assert.True(message.TryParse(Wire.Body(Samples.Frame("0200 refund")), out _));

        Assert.Equal(MessageType.FinancialRequest, message.MessageType);
        Assert.Equal(Samples.Pan, System.Text.Encoding.ASCII.GetString(message.Pan));
        Assert.Equal(TransactionType.Refund, message.TransactionType);
        Assert.Equal(1000, message.GetNumeric(FieldNumber.Amount));
        Assert.Equal(1122093000, message.GetNumeric(FieldNumber.TransmissionDateTime));
        Assert.Equal(101, message.GetNumeric(FieldNumber.Stan));
        Assert.Equal(Samples.Acquirer, message.GetNumeric(FieldNumber.AcquirerId));
        Assert.Equal(8, message.GetLength(FieldNumber.AcquirerId));
        Assert.Equal("TERM0001", System.Text.Encoding.ASCII.GetString(message.GetText(FieldNumber.TerminalId)));
        Assert.Equal(Samples.Merchant, System.Text.Encoding.ASCII.GetString(message.GetTrimmedText(FieldNumber.MerchantId)));
        Assert.Equal(156, message.GetNumeric(FieldNumber.Currency));
        Assert.Equal(Samples.OriginalSale, message.GetOriginalData());
        Assert.Equal(FieldNumber.SecondaryMac, message.MacField);
        Assert.False(message.TryGetPaymentCode(out _));
        Assert.False(message.Has(FieldNumber.ResponseCode));
        Assert.Throws<InvalidOperationException>(() => message.GetText(FieldNumber.ResponseCode));
        Assert.Throws<InvalidOperationException>(() => message.GetNumeric(FieldNumber.TerminalId));
    }

    [Fact]
    public void Payment_code_amounts_and_batch_number_read_back()
    {
        using var message = new Iso8583Message();
        Assert.True(message.TryParse(Wire.Body(Samples.Frame("0100 payment code")), out _));
        Assert.True(message.TryGetPaymentCode(out var code));
        Assert.Equal(Samples.PaymentCode, System.Text.Encoding.ASCII.GetString(code));
        Assert.True(message.Pan.IsEmpty);
        Assert.Equal(31, message.GetNumeric(FieldNumber.PosEntryMode));

        Assert.True(message.TryParse(Wire.Body(Samples.Frame("0110 approved")), out _));
        var amounts = new List<AdditionalAmount>();
        foreach (var amount in message.GetAdditionalAmounts())
        {
            amounts.Add(amount);
        }

        Assert.Equal(Samples.Balances, amounts);
        Assert.True(message.TryGetResponseCode(out var response));
        Assert.Equal(0, response);

        Assert.True(message.TryParse(Wire.Body(Samples.Frame("0500 batch totals")), out _));
        Assert.True(message.TryGetBatchNumber(out var batch));
        Assert.Equal(17, batch);
        Assert.Equal(3_600_000, message.GetNumeric(FieldNumber.DebitsAmount));
    }

    [Fact]
    public void Response_echoes_the_requests_fields_byte_for_byte()
    {
        using var request = new Iso8583Message();
        Assert.True(request.TryParse(Wire.Body(Samples.Frame("0200 purchase")), out _));
        using var builder = new Iso8583MessageBuilder();
        builder.BeginResponse(request).SetText(38, "A1B2C3").SetResponseCode(0).SetAdditionalAmounts(Samples.Balances.AsSpan(0, 2));
        var framed = new System.Buffers.ArrayBufferWriter<byte>();
        builder.WriteFramedTo(framed, Samples.Key);

        using var response = new Iso8583Message();
        Assert.True(response.TryParse(framed.WrittenMemory[2..], out var error), error.ToString());
        Assert.Equal(MessageType.FinancialResponse, response.MessageType);
        foreach (var field in new[] { 3, 4, 7, 11, 12, 13, 32, 33, 37, 41, 42, 49 })
        {
            Assert.Equal(Wire.ToHex(request.GetRaw(field)), Wire.ToHex(response.GetRaw(field)));
        }

        Assert.False(response.Has(FieldNumber.PrimaryAccountNumber));
        Assert.False(response.Has(FieldNumber.PosEntryMode));
    }

    [Fact]
    public void Keys_for_duplicates_and_originals_follow_the_specification()
    {
        using var message = new Iso8583Message();
        Assert.True(message.TryParse(Wire.Body(Samples.Frame("0200 purchase")), out _));
        var purchase = DuplicateKey.Of(message);
        Assert.Equal(UInt128.Zero, purchase.RetrievalReference);
        Assert.Equal(new TransmissionKey(Samples.Acquirer, TransmissionKey.PackTerminalId("TERM0001"u8), 101, 1122093000), purchase.Transmission);

        Assert.True(message.TryParse(Wire.Body(Samples.Frame("0400 reversal")), out _));
        var reversal = DuplicateKey.Of(message);
        Assert.Equal(DuplicateKey.PackRetrievalReference("000000000102"u8), reversal.RetrievalReference);
        var original = message.GetOriginalData().ToTransmissionKey(reversal.Transmission.TerminalId);
        Assert.Equal(new TransmissionKey(Samples.Acquirer, reversal.Transmission.TerminalId, 102, 1122093010), original);

        Assert.True(message.TryParse(Wire.Body(Samples.Frame("0200 refund")), out _));
        Assert.NotEqual(UInt128.Zero, DuplicateKey.Of(message).RetrievalReference);
    }

    public static IEnumerable<object[]> Names() => Samples.Names();
}
