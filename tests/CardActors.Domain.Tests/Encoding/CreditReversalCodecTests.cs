using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>The journal layout of <see cref="CreditReversed"/> (tag 23, version 1), written out by hand.</summary>
public sealed class CreditReversalCodecTests
{
    private const string EpochTicks = "00 80 B5 F7 F5 7F 9F 08";

    [Fact]
    public void A_reversed_refund_has_a_stable_layout()
    {
        var reversed = new CreditReversed(
            DateTimeOffset.UnixEpoch, new TransactionId(0x30), new IdempotencyKey(0, 0x30), new TransactionId(0x20), new TransactionId(0x10),
            1_000, 200, MerchantId.Parse("CANTEEN00000001"), new DateOnly(1970, 1, 1));
        var expected = CardEventGoldenTests.Hex(
            "17 01 " + EpochTicks
            + " 30 00 00 00 00 00 00 00"                                   // transaction id
            + " 00 00 00 00 00 00 00 00 30 00 00 00 00 00 00 00"           // key high, low
            + " 20 00 00 00 00 00 00 00"                                   // the refund taken back
            + " 10 00 00 00 00 00 00 00"                                   // its sale
            + " E8 03 00 00 00 00 00 00"                                   // 1000 main
            + " C8 00 00 00 00 00 00 00"                                   // 200 bonus
            + " 43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31"              // "CANTEEN00000001"
            + " 3A F9 0A 00");                                             // business date 1970-01-01
        var buffer = new ArrayBufferWriter<byte>();
        CardEventCodec.Encode(reversed, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(reversed, CardEventCodec.Decode(expected));
    }

    [Fact]
    public void A_reversed_top_up_names_no_sale_and_no_merchant()
    {
        var reversed = new CreditReversed(
            DateTimeOffset.UnixEpoch, new TransactionId(0x31), new IdempotencyKey(0, 0x31), new TransactionId(0x21), TransactionId.None,
            3_000, 0, default, new DateOnly(1970, 1, 1));
        var expected = CardEventGoldenTests.Hex(
            "17 01 " + EpochTicks
            + " 31 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 31 00 00 00 00 00 00 00"
            + " 21 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"           // the top-up, no sale
            + " B8 0B 00 00 00 00 00 00 00 00 00 00 00 00 00 00"           // 3000 main, 0 bonus
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"              // no merchant
            + " 3A F9 0A 00");
        var buffer = new ArrayBufferWriter<byte>();
        CardEventCodec.Encode(reversed, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(reversed, CardEventCodec.Decode(expected));
        Assert.Throws<CodecException>(() => CardEventCodec.Decode([0x17, 0x02, .. expected.AsSpan(2)]));
    }
}
