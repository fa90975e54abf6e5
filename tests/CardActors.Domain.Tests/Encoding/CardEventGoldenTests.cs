using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>
/// Byte layouts written out by hand from the format description. If one of these fails, the
/// journal format changed and old journals would no longer replay: add a new version instead.
/// </summary>
public sealed class CardEventGoldenTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    // 1970-01-01T00:00Z = 621355968000000000 ticks
    private const string EpochTicks = "00 80 B5 F7 F5 7F 9F 08";

    // 1970-01-08T00:00Z
    private const string EpochPlus7Days = "00 C0 99 20 76 85 9F 08";

    private const string Canteen = "43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31"; // "CANTEEN00000001"
    private const string TerminalT1 = "54 30 30 30 30 30 30 31"; // "T0000001"

    public static TheoryData<string, CardEvent> Vectors => new()
    {
        {
            "0F 01 " + EpochTicks,
            new CardFrozen(Epoch)
        },
        {
            "03 01 " + EpochTicks
                + " 08 07 06 05 04 03 02 01"                                   // transaction id
                + " 11 11 11 11 11 11 11 11 22 22 22 22 22 22 22 22"           // key high, low
                + " 10 27 00 00 00 00 00 00"                                   // 10000 fen
                + " 02",                                                        // kiosk
            new ToppedUp(Epoch, new TransactionId(0x0102030405060708), new IdempotencyKey(0x1111111111111111, 0x2222222222222222), 10_000, TopUpChannel.Kiosk)
        },
        {
            "0E 01 " + EpochTicks
                + " 01 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00"
                + " 06 33 18",                                                  // purchase, 51, insufficient funds
            new Declined(Epoch, new TransactionId(1), new IdempotencyKey(0, 1), OperationKind.Purchase, ResponseCode.InsufficientFunds, DeclineReason.InsufficientFunds)
        },
        {
            "05 01 " + EpochTicks
                + " 10 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 00 00 10 00 00 00 00 00 00 00"
                + " F6 09 00 00 00 00 00 00"                                   // main 2550
                + " 00 00 00 00 00 00 00 00"                                   // bonus 0
                + " 00 00 00 00 00 00 00 00"                                   // no bonus lot
                + " " + EpochPlus7Days                                          // hold expiry
                + " " + Canteen + " " + TerminalT1
                + " 3A F9 0A 00",                                               // business date 1970-01-01 (day 719162)
            new Authorized(Epoch, new TransactionId(0x10), new IdempotencyKey(0, 0x10), 2_550, 0, default, Epoch.AddDays(7),
                MerchantId.Parse("CANTEEN00000001"), TerminalId.Parse("T0000001"), new DateOnly(1970, 1, 1))
        },
        {
            "07 02 " + EpochTicks                                               // purchased, format version 2
                + " 10 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 00 00 10 00 00 00 00 00 00 00"
                + " EC 27"                                                      // main 2550 (zigzag 5100, 7 bits a byte)
                + " 00"                                                         // bonus 0
                + " 00"                                                         // no bonus lot
                + " " + Canteen + " " + TerminalT1
                + " 00",                                                        // business date: the instant's UTC date
            new Purchased(Epoch, new TransactionId(0x10), new IdempotencyKey(0, 0x10), 2_550, 0, default,
                MerchantId.Parse("CANTEEN00000001"), TerminalId.Parse("T0000001"), new DateOnly(1970, 1, 1))
        },
        {
            "07 02 " + EpochTicks
                + " 11 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 00 00 11 00 00 00 00 00 00 00"
                + " 02"                                                         // main 1
                + " D8 04"                                                      // bonus 300
                + " 05"                                                         // bonus lot 5
                + " " + Canteen + " " + TerminalT1
                + " 02",                                                        // business date one day after the UTC date
            new Purchased(Epoch, new TransactionId(0x11), new IdempotencyKey(0, 0x11), 1, 300, new TransactionId(5),
                MerchantId.Parse("CANTEEN00000001"), TerminalId.Parse("T0000001"), new DateOnly(1970, 1, 2))
        },
        {
            "01 02 " + EpochTicks                                               // card issued, format version 2
                + " 01 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00"
                + " 00 40 60 6D 39 0E 59 56 13"                                // 6222020000000000000, 19 digits
                + " 07 00 00 00"                                               // product 7
                + " 2A 00 00 00 00 00 00 00"                                   // holder 42
                + " 10 27 00 00 00 00 00 00"                                   // initial load 10000
                + " 00 C0 69 2A C9 00 00 00"                                   // idempotency window 24 h
                + " 00 80 64 F8 92 17 00 00"                                   // refund window 30 days
                + " 10 00 40 00 08 00",                                        // memory: 16 transactions, 64 sales, 8 open holds
            new CardIssued(Epoch, new TransactionId(1), new IdempotencyKey(0, 1), CardNumber.Parse("6222020000000000000"), new ProductId(7),
                new HolderId(42), 10_000, TimeSpan.FromHours(24), TimeSpan.FromDays(30), new CardMemoryLimits(16, 64, 8))
        },
        {
            "04 01 " + EpochTicks
                + " 02 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00"
                + " F4 01 00 00 00 00 00 00"                                   // 500 fen
                + " " + EpochPlus7Days
                + " 01"                                                         // scope present
                + " 01 00 B4 16"                                               // one category: 5812
                + " 00 00"                                                      // no groups
                + " 01 00 01 00 00 00",                                        // one project: 1
            new BonusGranted(Epoch, new TransactionId(2), new IdempotencyKey(0, 2), 500, Epoch.AddDays(7),
                new UsageScope([new MerchantCategory(5812)], [], [new ProjectId(1)]))
        },
        {
            "02 01 " + EpochTicks + " 01 " + EpochPlus7Days,
            new CardActivated(Epoch, Epoch.AddDays(7))
        },
        {
            "14 01 " + EpochTicks + " 05 00 00 00 00 00 00 00",
            new TransferOutConfirmed(Epoch, new TransactionId(5))
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encodes_to_the_documented_bytes(string hex, CardEvent cardEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var written = CardEventCodec.Encode(cardEvent, buffer);
        Assert.Equal(Hex(hex), buffer.WrittenSpan.ToArray());
        Assert.Equal(buffer.WrittenCount, written);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Old_bytes_decode_to_the_same_event(string hex, CardEvent cardEvent) =>
        Assert.Equal(cardEvent, CardEventCodec.Decode(Hex(hex)));

    [Fact]
    public void Unknown_tags_versions_truncation_and_trailing_bytes_are_rejected()
    {
        var frozen = Hex("0F 01 " + EpochTicks);
        Assert.Throws<CodecException>(() => CardEventCodec.Decode(Hex("63 01 " + EpochTicks)));
        Assert.Throws<CodecException>(() => CardEventCodec.Decode(Hex("0F 02 " + EpochTicks)));
        Assert.Throws<CodecException>(() => CardEventCodec.Decode(frozen.AsSpan(0, 5)));
        Assert.Throws<CodecException>(() => CardEventCodec.Decode([.. frozen, 0]));
        Assert.Throws<CodecException>(() => CardEventCodec.Decode(Hex("0E 01 " + EpochTicks + " 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 06 34 18")));
    }

    internal static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", string.Empty, StringComparison.Ordinal));
}
