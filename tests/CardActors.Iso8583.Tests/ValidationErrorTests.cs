using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>Every kind of format error, each reported against the field at fault.</summary>
public sealed class ValidationErrorTests
{
    private static readonly byte[] Purchase = Mutate.Body("0200 purchase");

    [Fact]
    public void Frame_longer_than_the_maximum()
    {
        var error = Fail(new byte[Iso8583Framing.MaxMessageLength + 1]);
        AssertError(error, Iso8583ErrorKind.FrameTooLong, Iso8583Error.FrameLevel);
        Assert.Equal("frame: length 2049 exceeds the maximum 2048", error.ToString());
    }

    [Theory]
    [InlineData(1, FieldNumber.Mti)]
    [InlineData(7, FieldNumber.Bitmap)]
    [InlineData(12, FieldNumber.PrimaryAccountNumber)]
    [InlineData(20, FieldNumber.ProcessingCode)]
    [InlineData(25, FieldNumber.Amount)]
    [InlineData(93, FieldNumber.Mac)]
    public void Truncated_frame_names_the_field_it_ends_in(int length, int field)
    {
        AssertError(Fail(Purchase[..length]), Iso8583ErrorKind.Truncated, field);
    }

    [Fact]
    public void Truncated_secondary_bitmap()
    {
        AssertError(Fail(Mutate.Body("0800 sign-on")[..14]), Iso8583ErrorKind.Truncated, FieldNumber.Bitmap);
    }

    [Fact]
    public void Truncated_length_prefix()
    {
        AssertError(Fail(Purchase[..10]), Iso8583ErrorKind.Truncated, FieldNumber.PrimaryAccountNumber);
    }

    [Fact]
    public void Bad_bcd_nibble_in_the_mti_and_in_a_field()
    {
        var mti = Purchase.ToArray();
        mti[1] = 0x0C;
        AssertError(Fail(mti), Iso8583ErrorKind.BadBcdNibble, FieldNumber.Mti);
        AssertError(Fail(Mutate.SetByte(Purchase, FieldNumber.Stan, 2, 0xF1)), Iso8583ErrorKind.BadBcdNibble, FieldNumber.Stan);
        AssertError(Fail(Mutate.SetByte(Purchase, FieldNumber.PrimaryAccountNumber, 3, 0x0E)), Iso8583ErrorKind.BadBcdNibble, FieldNumber.PrimaryAccountNumber);
    }

    [Fact]
    public void Pad_nibble_of_an_odd_length_value_must_be_zero()
    {
        AssertError(Fail(Mutate.SetByte(Purchase, FieldNumber.PosEntryMode, 0, 0x10)), Iso8583ErrorKind.NonZeroPadNibble, FieldNumber.PosEntryMode);
        AssertError(Fail(Mutate.SetByte(Purchase, FieldNumber.Currency, 0, 0x91)), Iso8583ErrorKind.NonZeroPadNibble, FieldNumber.Currency);
    }

    [Fact]
    public void Length_prefix_that_is_not_bcd()
    {
        AssertError(Fail(Mutate.SetByte(Purchase, FieldNumber.AcquirerId, 0, 0x0A)), Iso8583ErrorKind.BadLengthPrefix, FieldNumber.AcquirerId);
        var withCode = Mutate.Body("0200 purchase payment code");
        AssertError(Fail(Mutate.SetByte(withCode, FieldNumber.AdditionalData, 0, 0x10)), Iso8583ErrorKind.BadLengthPrefix, FieldNumber.AdditionalData);
    }

    [Fact]
    public void Length_over_the_maximum()
    {
        var error = Fail(Mutate.SetByte(Purchase, FieldNumber.PrimaryAccountNumber, 0, 0x20));
        AssertError(error, Iso8583ErrorKind.LengthOverMax, FieldNumber.PrimaryAccountNumber);
        Assert.Equal((20, 19), (error.Actual, error.Limit));
    }

    [Fact]
    public void Empty_variable_field()
    {
        AssertError(Fail(Mutate.Replace(Purchase, FieldNumber.AcquirerId, 0x00)), Iso8583ErrorKind.LengthBelowMin, FieldNumber.AcquirerId);
    }

    [Fact]
    public void Characters_outside_the_format()
    {
        AssertError(Fail(Mutate.SetByte(Purchase, FieldNumber.TerminalId, 3, 0x07)), Iso8583ErrorKind.InvalidCharacter, FieldNumber.TerminalId);
        AssertError(Fail(Mutate.SetByte(Purchase, FieldNumber.RetrievalReferenceNumber, 5, (byte)'-')), Iso8583ErrorKind.InvalidCharacter, FieldNumber.RetrievalReferenceNumber);
        var approval = Mutate.Body("0210 purchase approved");
        var gap = Mutate.SetByte(approval, FieldNumber.ApprovalCode, 2, (byte)' ');
        AssertError(Fail(gap), Iso8583ErrorKind.InvalidCharacter, FieldNumber.ApprovalCode);
    }

    [Fact]
    public void Bitmap_announcing_an_undefined_field()
    {
        var error = Fail(Mutate.SetBit(Purchase, 5));
        AssertError(error, Iso8583ErrorKind.UndefinedField, 5);
        Assert.Equal("field 5: announced by the bitmap but not defined by the specification", error.ToString());
    }

    [Fact]
    public void Unsupported_message_type()
    {
        var body = Purchase.ToArray();
        body[0] = 0x03;
        var error = Fail(body);
        AssertError(error, Iso8583ErrorKind.UnsupportedMessageType, FieldNumber.Mti);
        Assert.Equal("MTI: message type 0300 is not supported", error.ToString());
    }

    [Fact]
    public void Secondary_bitmap_with_no_field()
    {
        var body = Mutate.SetBit(Purchase, 1);
        byte[] withEmpty = [.. body.AsSpan(0, 10), .. new byte[8], .. body.AsSpan(10)];
        AssertError(Fail(withEmpty), Iso8583ErrorKind.EmptySecondaryBitmap, FieldNumber.Bitmap);
    }

    [Fact]
    public void Bytes_after_the_last_field()
    {
        AssertError(Fail([.. Purchase, 0x00]), Iso8583ErrorKind.TrailingBytes, Iso8583Error.FrameLevel);
    }

    [Fact]
    public void Field_64_with_a_secondary_bitmap()
    {
        var reversal = Mutate.Body("0400 reversal");
        var body = Mutate.SetBit(Mutate.InsertAfter(reversal, FieldNumber.Currency, new byte[8]), 64);
        AssertError(Fail(body), Iso8583ErrorKind.MacNotLast, FieldNumber.Mac);
    }

    [Fact]
    public void Missing_mandatory_fields()
    {
        var noStan = Mutate.Build(b => Rebuild(b, Purchase).Remove(FieldNumber.Stan));
        var error = Fail(noStan);
        AssertError(error, Iso8583ErrorKind.MissingMandatoryField, FieldNumber.Stan);
        Assert.Equal("field 11: mandatory in message type 0200 but absent", error.ToString());

        AssertError(Fail(Mutate.Build(b => Rebuild(b, Purchase), mac: false)), Iso8583ErrorKind.MissingMandatoryField, FieldNumber.Mac);
        var refund = Mutate.Body("0200 refund");
        AssertError(Fail(Mutate.Build(b => Rebuild(b, refund).Remove(FieldNumber.OriginalData))), Iso8583ErrorKind.MissingMandatoryField, FieldNumber.OriginalData);
        AssertError(Fail(Mutate.Build(b => Rebuild(b, Purchase).Remove(FieldNumber.PrimaryAccountNumber))), Iso8583ErrorKind.MissingMandatoryField, FieldNumber.PrimaryAccountNumber);
        var byCode = Mutate.Body("0100 payment code");
        AssertError(Fail(Mutate.Build(b => Rebuild(b, byCode).Remove(FieldNumber.AdditionalData))), Iso8583ErrorKind.MissingMandatoryField, FieldNumber.AdditionalData);
        var approved = Mutate.Body("0210 purchase approved");
        AssertError(Fail(Mutate.Build(b => Rebuild(b, approved).Remove(FieldNumber.ApprovalCode))), Iso8583ErrorKind.MissingMandatoryField, FieldNumber.ApprovalCode);
    }

    [Fact]
    public void Fields_not_allowed_in_the_message_type()
    {
        AssertError(Fail(Mutate.Build(b => Rebuild(b, Purchase).SetResponseCode(0))), Iso8583ErrorKind.FieldNotAllowed, FieldNumber.ResponseCode);
        var inquiry = Mutate.Body("0200 balance inquiry");
        var error = Fail(Mutate.Build(b => Rebuild(b, inquiry).SetNumeric(FieldNumber.Amount, 100)));
        AssertError(error, Iso8583ErrorKind.FieldNotAllowed, FieldNumber.Amount);
        Assert.Equal("a balance inquiry carries no amount", error.Rule);
        var declined = Mutate.Body("0110 declined 51");
        AssertError(Fail(Mutate.Build(b => Rebuild(b, declined).SetText(38, "X1"))), Iso8583ErrorKind.FieldNotAllowed, FieldNumber.ApprovalCode);
        AssertError(Fail(Mutate.Build(b => Rebuild(b, Purchase).SetPaymentCode(Samples.PaymentCode).SetNumeric(22, 32))), Iso8583ErrorKind.FieldNotAllowed, FieldNumber.PrimaryAccountNumber);
    }

    [Fact]
    public void Malformed_subfields()
    {
        var byCode = Mutate.Body("0200 purchase payment code");
        AssertError(Fail(Mutate.Replace(byCode, 48, [0x00, 0x08, .. "XX003abc"u8])), Iso8583ErrorKind.InvalidSubfield, FieldNumber.AdditionalData);
        AssertError(Fail(Mutate.Replace(byCode, 48, [0x00, 0x09, .. "PC0041234"u8])), Iso8583ErrorKind.InvalidSubfield, FieldNumber.AdditionalData);
        AssertError(Fail(Mutate.Replace(byCode, 48, [0x00, 0x07, .. "PC099AB"u8])), Iso8583ErrorKind.InvalidSubfield, FieldNumber.AdditionalData);
        var approved = Mutate.Body("0210 purchase approved");
        var (start, _) = Mutate.Locate(approved, FieldNumber.AdditionalAmounts);
        var badSign = approved.ToArray();
        badSign[start + 2 + 7] = (byte)'X';
        AssertError(Fail(badSign), Iso8583ErrorKind.InvalidSubfield, FieldNumber.AdditionalAmounts);
        AssertError(Fail(Mutate.Replace(approved, 54, [0x00, 0x03, .. "000"u8])), Iso8583ErrorKind.InvalidSubfield, FieldNumber.AdditionalAmounts);
        var totals = Mutate.Body("0500 batch totals");
        var error = Fail(Mutate.Build(b => Rebuild(b, totals).SetPaymentCode(Samples.PaymentCode)));
        AssertError(error, Iso8583ErrorKind.InvalidSubfield, FieldNumber.AdditionalData);
        Assert.Equal("0500 field 48 carries BN only", error.Rule);
    }

    [Fact]
    public void Payment_code_with_an_entry_mode_other_than_03()
    {
        var byCode = Mutate.Body("0200 purchase payment code");
        AssertError(Fail(Mutate.Build(b => Rebuild(b, byCode).SetNumeric(22, 72))), Iso8583ErrorKind.InvalidValue, FieldNumber.PosEntryMode);
    }

    [Fact]
    public void Errors_never_carry_the_pan()
    {
        var pan = Samples.Pan;
        byte[][] faulty =
        [
            Mutate.SetByte(Purchase, FieldNumber.PrimaryAccountNumber, 8, 0xAB),
            Mutate.SetByte(Purchase, FieldNumber.PrimaryAccountNumber, 0, 0x99),
            Purchase[..15],
            Mutate.SetBit(Purchase, 5),
        ];
        foreach (var body in faulty)
        {
            var text = Fail(body).ToString();
            Assert.DoesNotContain(pan, text, StringComparison.Ordinal);
            Assert.DoesNotContain(pan[^4..], text, StringComparison.Ordinal);
        }
    }

    private static Iso8583MessageBuilder Rebuild(Iso8583MessageBuilder builder, byte[] body)
    {
        using var message = new Iso8583Message();
        Assert.True(message.TryParse(body, out var error), error.ToString());
        builder.Reset(message.Mti);
        for (var field = 2; field < FieldNumber.Max; field++)
        {
            if (message.Has(field) && field != FieldNumber.Mac)
            {
                builder.CopyFrom(message, field);
            }
        }

        return builder;
    }

    private static Iso8583Error Fail(byte[] body)
    {
        using var message = new Iso8583Message();
        Assert.False(message.TryParse(body, out var error), "the message parsed");
        Assert.True(error.IsError);
        return error;
    }

    private static void AssertError(Iso8583Error error, Iso8583ErrorKind kind, int field)
    {
        Assert.True(error.Kind == kind && error.Field == field, $"expected {kind} at field {field}, got {error.Kind}: {error}");
        Assert.False(string.IsNullOrWhiteSpace(error.ToString()));
    }
}
