using System.Buffers;
using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Products;
using CardActors.Domain.Tests.Cards;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>
/// Formats written before the card's memory was bounded still read: card snapshots of versions 1
/// and 2, and CardIssued, TransferReceived, Refunded and Purchased of version 1. The bytes below were written by that
/// code; if one of these fails, journals and snapshots already on disk would no longer load.
/// </summary>
public sealed class CardFormatVersionTests
{
    private const string EpochTicks = "00 80 B5 F7 F5 7F 9F 08";

    /// <summary>
    /// A card issued at 2026-03-02T01:00Z, topped up 10,000, granted a 500 lot, with a purchase of
    /// 1,000 of which 300 was refunded, an open hold of 700 and a reversal of an unseen 0x99.
    /// </summary>
    private const string SnapshotV1 =
        "01" // format version 1
        + " 00 40 60 6D 39 0E 59 56 13" // card 6222020000000000000
        + " 07 00 00 00 2A 00 00 00 00 00 00 00 02" // product 7, holder 42, active
        + " 00 C0 69 2A C9 00 00 00 00 80 64 F8 92 17 00 00" // windows: 24 h, 30 days
        + " 00 68 85 07 F7 77 DE 08 00 AE 48 2B F7 77 DE 08 00 EE 3F 47 63 B6 E0 08 00 0C 19 DE F7 77 DE 08" // issued, activated, expires, last used (UTC ticks)
        + " 54 24 00 00 00 00 00 00" // main balance 9300
        + " 5C 49 0B 00 A4 06 00 00 00 00 00 00 02 00 00 00" // daily usage: 2026-03-02, 1700, 2
        + " 00" // no pending transfer
        + " 01 00 03 00 00 00 00 00 00 00 F4 01 00 00 00 00 00 00 00 BA F0 1A D3 7F DE 08 00" // one lot: 3, 500, expiry, no scope
        + " 01 00 06 00 00 00 00 00 00 00 BC 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 4C FD 06 78 7D DE 08 43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31" // one hold: 6, main 700, expiry, canteen
        + " 01 00 04 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00 E8 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 2C 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 80 92 96 F7 77 DE 08 43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31" // one sale: 4, 1000 main, 300 refunded, canteen
        + " 07 00" // seven remembered transactions
        + " CD AB 00 00 00 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 68 85 07 F7 77 DE 08 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00" // issue
        + " CD AB 00 00 00 00 00 00 02 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 00 F4 0B 4F F7 77 DE 08 10 27 00 00 00 00 00 00 10 27 00 00 00 00 00 00 00 00 00 00 00 00 00 00 10 27 00 00 00 00 00 00 02 00 00" // top-up
        + " CD AB 00 00 00 00 00 00 03 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00 00 3A CF 72 F7 77 DE 08 F4 01 00 00 00 00 00 00 10 27 00 00 00 00 00 00 F4 01 00 00 00 00 00 00 04 29 00 00 00 00 00 00 03 00 00" // grant
        + " CD AB 00 00 00 00 00 00 04 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00 00 80 92 96 F7 77 DE 08 E8 03 00 00 00 00 00 00 28 23 00 00 00 00 00 00 F4 01 00 00 00 00 00 00 1C 25 00 00 00 00 00 00 06 00 00" // purchase
        + " CD AB 00 00 00 00 00 00 05 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00 00 C6 55 BA F7 77 DE 08 2C 01 00 00 00 00 00 00 54 24 00 00 00 00 00 00 F4 01 00 00 00 00 00 00 48 26 00 00 00 00 00 00 08 00 00" // refund
        + " CD AB 00 00 00 00 00 00 06 00 00 00 00 00 00 00 06 00 00 00 00 00 00 00 00 0C 19 DE F7 77 DE 08 BC 02 00 00 00 00 00 00 54 24 00 00 00 00 00 00 F4 01 00 00 00 00 00 00 8C 23 00 00 00 00 00 00 04 00 00" // authorize
        + " CD AB 00 00 00 00 00 00 07 00 00 00 00 00 00 00 07 00 00 00 00 00 00 00 00 52 DC 01 F8 77 DE 08 00 00 00 00 00 00 00 00 54 24 00 00 00 00 00 00 F4 01 00 00 00 00 00 00 8C 23 00 00 00 00 00 00 07 00 00" // reversal of 0x99
        + " 01 00 99 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 52 DC 01 F8 77 DE 08" // one awaited original: 0x99
        + " 00 00"; // no received transfers

    private static byte[] Hex(string spaced) => CardEventGoldenTests.Hex(spaced);

    private static byte[] Encode(CardState state) => CardHarness.Snapshot(state);

    [Fact]
    public void A_version_1_snapshot_reads_with_the_default_limits()
    {
        var state = CardSnapshotCodec.Decode(Hex(SnapshotV1));
        Assert.Equal(CardMemoryLimits.Default, state.Memory);
        Assert.Equal(CardStatus.Active, state.Status);
        Assert.Equal((9_300L, 700L, 500L), (state.MainBalance, state.MainHeld, state.BonusInLots));
        var sale = Assert.Single(state.Sales.ToArray());
        Assert.Equal((new TransactionId(4), 1_000L, 300L), (sale.Id, sale.Main, sale.RefundedMain));
        Assert.Equal(7, state.RecentTransactions.Length);
        Assert.Equal(new TransactionId(0x99), Assert.Single(state.AwaitedOriginals.ToArray()).OriginalId);
        Assert.Empty(state.ReturnsOfOlderSales.ToArray());
        Assert.Null(state.ReturnsForgottenUntil);
        // The test's writer of the old layout is faithful to it.
        Assert.Equal(Hex(SnapshotV1), CardSnapshotV1.Write(state));
    }

    /// <summary>Version 2: version 1 with the limits after the windows and the returns of older sales at the end.</summary>
    private static byte[] SnapshotV2()
    {
        var v1 = Hex(SnapshotV1);
        const int AfterWindows = 1 + 9 + 13 + 16;
        return
        [
            2, .. v1.AsSpan(1, AfterWindows - 1),
            .. Hex("20 00 20 00 20 00"),                       // 32 transactions, 32 sales, 32 open holds
            .. v1.AsSpan(AfterWindows),
            .. Hex("00 00"),                                   // no returns of older sales
            .. Hex("00 00 00 00 00 00 00 00"),                 // nothing forgotten
        ];
    }

    [Fact]
    public void Version_3_is_version_1_with_the_limits_after_the_windows_and_the_older_returns_and_credits_at_the_end()
    {
        var v1 = Hex(SnapshotV1);
        var v3 = Encode(CardSnapshotCodec.Decode(v1));
        byte[] expected = [3, .. SnapshotV2().AsSpan(1), .. Hex("00 00")]; // no credits remembered
        Assert.Equal(expected, v3);
        Assert.Equal(v3, Encode(CardSnapshotCodec.Decode(v3)));
    }

    [Fact]
    public void A_version_2_snapshot_reads_with_no_credits_and_declines_reversing_its_top_up_12()
    {
        var state = CardSnapshotCodec.Decode(SnapshotV2());
        Assert.Equal(CardMemoryLimits.Default, state.Memory);
        Assert.Empty(state.Credits.ToArray());
        Assert.Equal(7, state.RecentTransactions.Length);
        Assert.Equal([3, .. SnapshotV2().AsSpan(1), .. Hex("00 00")], Encode(state));

        // The top-up (transaction 2) is remembered as a transaction but not as a credit: outside memory.
        var reply = CardDecider.Decide(
            state, new Reverse(new TransactionId(0x500), new IdempotencyKey(5, 5), new TransactionId(2), IdempotencyKey.None),
            new CardContext(CardHarness.Start.AddHours(1), CardHarness.DefaultProduct(), BusinessCalendar.Default)).Reply;
        Assert.Equal((ResponseCode.InvalidTransaction, DeclineReason.CreditNotInMemory), (reply.Code, reply.Reason));
    }

    [Fact]
    public void Returns_of_older_sales_have_a_stable_layout()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(saleMemory: 4)).Ready(10_000);
        var (sale, _) = card.Purchase(1_000);
        card.Refund(sale, 300);
        for (var i = 0; i < 4; i++)
        {
            card.Purchase(10);
        }
        var bytes = Encode(card.State);
        var credits = card.State.Credits.ToArray();
        Assert.Equal(2, credits.Length); // the load and the refund
        var tail = Hex(
            "01 00"                                                  // one entry
            + " " + Id(sale) + " " + Id(sale)                        // sale and completion
            + " 2C 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00"     // 300 main, 0 bonus returned
            + " " + Ticks(CardHarness.Start)                         // sale instant
            + " 00 00 00 00 00 00 00 00"                             // nothing forgotten
            + " 02 00"                                               // two credits
            + " " + Id(credits[0].Id) + " 00 00 00 00 00 00 00 00"   // the load: no sale
            + " 10 27 00 00 00 00 00 00 00 00 00 00 00 00 00 00"     // 10000 main, 0 bonus
            + " 00 00 00 00 00 00 00 00 " + Ticks(CardHarness.Start) // no lot, instant
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"     // no merchant, not reversed
            + " " + Id(credits[1].Id) + " " + Id(sale)               // the refund of the sale
            + " 2C 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00"     // 300 main, 0 bonus
            + " 00 00 00 00 00 00 00 00 " + Ticks(CardHarness.Start) // no lot, instant
            + " 43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31 00");   // the canteen, not reversed
        Assert.Equal(tail, bytes[^tail.Length..]);
        Assert.Equal(Hex("20 00 04 00 20 00"), bytes.AsSpan(39, 6).ToArray()); // 32 transactions, 4 sales, 32 holds
    }

    [Fact]
    public void A_version_1_snapshot_with_lists_longer_than_the_limits_keeps_the_newest()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 256, saleMemory: 256)).Ready(50_000);
        var sales = new List<TransactionId>();
        for (var i = 0; i < 40; i++)
        {
            card.Now += TimeSpan.FromMinutes(1);
            sales.Add(card.Purchase(100).Tx);
        }
        card.Refund(sales[0], 40);
        var restored = CardSnapshotCodec.Decode(CardSnapshotV1.Write(card.State));

        Assert.Equal(CardMemoryLimits.Default, restored.Memory);
        Assert.Equal(sales[^32..], restored.Sales.ToArray().Select(s => s.Id));
        Assert.Equal(card.State.RecentTransactions.ToArray()[^32..], restored.RecentTransactions.ToArray());
        // The refunded sale was pushed out: what went back from it is kept.
        var returns = Assert.Single(restored.ReturnsOfOlderSales.ToArray());
        Assert.Equal((sales[0], 40L), (returns.SaleId, returns.ReturnedMain));
        Assert.Equal(card.State.MainBalance, restored.MainBalance);
    }

    [Fact]
    public void Version_1_events_read_with_the_default_limits_and_as_refunds_of_sales_in_memory()
    {
        var issued = Assert.IsType<CardIssued>(CardEventCodec.Decode(Hex(
            "01 01 " + EpochTicks
            + " 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00"
            + " 00 40 60 6D 39 0E 59 56 13 07 00 00 00 2A 00 00 00 00 00 00 00 10 27 00 00 00 00 00 00"
            + " 00 C0 69 2A C9 00 00 00 00 80 64 F8 92 17 00 00")));
        Assert.Equal(CardMemoryLimits.Default, issued.Memory);
        Assert.Equal(10_000, issued.InitialLoad);

        var received = Assert.IsType<TransferReceived>(CardEventCodec.Decode(Hex(
            "13 01 " + EpochTicks + " 30 00 00 00 00 00 00 00"
            + " 00 40 60 6D 39 0E 59 56 13 C7 F1 68 A5 08 9B 0E 00 10"      // new card, old card
            + " 07 00 00 00 2A 00 00 00 00 00 00 00 00"                       // product, holder, no expiry
            + " B8 0B 00 00 00 00 00 00 00 00"                                // 3000, no lots
            + " 00 C0 69 2A C9 00 00 00 00 80 64 F8 92 17 00 00")));
        Assert.Equal(CardMemoryLimits.Default, received.Memory);
        Assert.Equal(3_000, received.Main);

        var refundV1 = "0B 01 " + EpochTicks
            + " 20 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 20 00 00 00 00 00 00 00"
            + " 10 00 00 00 00 00 00 00 2C 01 00 00 00 00 00 00 14 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00"
            + " 43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31 54 30 30 30 30 30 30 31 3A F9 0A 00";
        var refunded = Assert.IsType<Refunded>(CardEventCodec.Decode(Hex(refundV1)));
        Assert.Null(refunded.OlderSale);
        Assert.Equal((300L, 20L, 5L), (refunded.Main, refunded.ReturnedBonus, refunded.ForfeitedBonus));
        // Written again, it is version 2: the same fields and an absent older sale.
        var buffer = new ArrayBufferWriter<byte>();
        CardEventCodec.Encode(refunded, buffer);
        Assert.Equal(Hex("0B 02" + refundV1[5..] + " 00"), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_version_1_purchase_reads_as_written_and_is_written_again_in_the_compact_version_2()
    {
        var purchaseV1 = "07 01 " + EpochTicks
            + " 21 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 21 00 00 00 00 00 00 00"
            + " 34 08 00 00 00 00 00 00"                                      // main 2100
            + " 2C 01 00 00 00 00 00 00"                                      // bonus 300
            + " 05 00 00 00 00 00 00 00"                                      // bonus lot 5
            + " 43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31 54 30 30 30 30 30 30 31"
            + " 3A F9 0A 00";                                                 // 1970-01-01
        var purchased = Assert.IsType<Purchased>(CardEventCodec.Decode(Hex(purchaseV1)));
        Assert.Equal((2_100L, 300L, new TransactionId(5), new DateOnly(1970, 1, 1)), (purchased.Main, purchased.Bonus, purchased.BonusLot, purchased.BusinessDate));

        var buffer = new ArrayBufferWriter<byte>();
        CardEventCodec.Encode(purchased, buffer);
        Assert.Equal(63, buffer.WrittenCount); // 85 in version 1
        Assert.Equal(purchased, CardEventCodec.Decode(buffer.WrittenSpan));
    }

    [Fact]
    public void A_refund_of_an_older_sale_has_a_stable_layout()
    {
        var refunded = new Refunded(
            DateTimeOffset.UnixEpoch, new TransactionId(0x20), new IdempotencyKey(0, 0x20), new TransactionId(0x10), 300, 20, 5,
            MerchantId.Parse("CANTEEN00000001"), TerminalId.Parse("T0000001"), new DateOnly(1970, 1, 1),
            new OlderSaleRefund(new TransactionId(0x11), new TransactionId(0x03), DateTimeOffset.UnixEpoch, 1_000, 7));
        var expected = Hex(
            "0B 02 " + EpochTicks
            + " 20 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 20 00 00 00 00 00 00 00"
            + " 10 00 00 00 00 00 00 00 2C 01 00 00 00 00 00 00 14 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00"
            + " 43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31 54 30 30 30 30 30 30 31 3A F9 0A 00"
            + " 01"                                    // an older sale
            + " 11 00 00 00 00 00 00 00"               // its completion
            + " 03 00 00 00 00 00 00 00"               // its bonus lot
            + " " + EpochTicks                         // its instant
            + " E8 03 00 00 00 00 00 00"               // 1000 main back before
            + " 07 00 00 00 00 00 00 00");             // 7 bonus back before
        var buffer = new ArrayBufferWriter<byte>();
        CardEventCodec.Encode(refunded, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(refunded, CardEventCodec.Decode(expected));
        Assert.Throws<CodecException>(() => CardEventCodec.Decode([0x0F, 0x02, .. Hex(EpochTicks)]));
    }

    private static string Id(TransactionId id) => LittleEndian((long)id.Value);

    private static string Ticks(DateTimeOffset at) => LittleEndian(at.UtcTicks);

    private static string LittleEndian(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
