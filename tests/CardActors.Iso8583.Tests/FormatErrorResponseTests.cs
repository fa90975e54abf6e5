using System.Buffers;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>What a POS gets back for a frame that did not parse.</summary>
public sealed class FormatErrorResponseTests
{
    private static readonly byte[] Purchase = Mutate.Body("0200 purchase");

    [Fact]
    public void Content_fault_keeps_the_later_fields_for_the_echo()
    {
        var response = Answer(Mutate.SetByte(Purchase, FieldNumber.PrimaryAccountNumber, 4, 0xCC));
        Assert.Equal(MessageType.FinancialResponse, response.MessageType);
        Assert.True(response.IsFormatErrorResponse);
        Assert.Equal(FieldSet.Of(7, 11, 32, 37, 39, 41, 42), response.Fields);
        Assert.Equal(0, response.MacField);
    }

    [Fact]
    public void Structural_fault_echoes_only_what_came_before_it()
    {
        var response = Answer(Mutate.SetByte(Purchase, FieldNumber.AcquirerId, 0, 0xAA));
        Assert.Equal(FieldSet.Of(7, 11, 39), response.Fields);

        response = Answer(Purchase[..12]);
        Assert.Equal(FieldSet.Of(39), response.Fields);
    }

    [Fact]
    public void A_faulty_safe_field_is_not_echoed()
    {
        var response = Answer(Mutate.SetByte(Purchase, FieldNumber.TerminalId, 0, 0x00));
        Assert.Equal(FieldSet.Of(7, 11, 32, 37, 39, 42), response.Fields);
    }

    [Fact]
    public void Unreadable_or_response_mti_is_answered_0810_without_fields_0810_does_not_allow()
    {
        var unreadable = Purchase.ToArray();
        unreadable[0] = 0xF2;
        var response = Answer(unreadable);
        Assert.Equal(MessageType.NetworkManagementResponse, response.MessageType);
        Assert.Equal(FieldSet.Of(7, 11, 32, 39, 41, 42), response.Fields);

        var approved = Mutate.Body("0210 purchase approved");
        using var message = new Iso8583Message();
        Assert.True(message.TryParse(approved, out _));
        Assert.Equal(MessageType.NetworkManagementResponse, Build(message).MessageType);
    }

    [Fact]
    public void Unsupported_request_type_is_answered_with_its_own_response_mti()
    {
        var body = Purchase.ToArray();
        body[0] = 0x03;
        using var message = new Iso8583Message();
        Assert.False(message.TryParse(body, out _));
        using var builder = new Iso8583MessageBuilder();
        var writer = new ArrayBufferWriter<byte>();
        builder.BeginFormatErrorResponse(message).WriteTo(writer);
        Assert.Equal(new byte[] { 0x03, 0x10 }, writer.WrittenSpan[..2].ToArray());
    }

    [Fact]
    public void An_empty_frame_still_gets_an_answer()
    {
        var response = Answer([0x02]);
        Assert.Equal(MessageType.NetworkManagementResponse, response.MessageType);
        Assert.Equal(FieldSet.Of(39), response.Fields);
    }

    private static Iso8583Message Answer(byte[] body)
    {
        using var request = new Iso8583Message();
        Assert.False(request.TryParse(body, out _));
        return Build(request);
    }

    private static Iso8583Message Build(Iso8583Message request)
    {
        using var builder = new Iso8583MessageBuilder();
        var writer = new ArrayBufferWriter<byte>();
        builder.BeginFormatErrorResponse(request).WriteFramedTo(writer);
        var response = new Iso8583Message();
        Assert.True(response.TryParse(writer.WrittenMemory[2..], out var error), error.ToString());
        Assert.True(response.IsFormatErrorResponse);
        Assert.False(response.Has(FieldNumber.PrimaryAccountNumber));
        return response;
    }
}
