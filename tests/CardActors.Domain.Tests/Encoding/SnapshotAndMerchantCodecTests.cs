using System.Buffers;
using CardActors.Domain.Cards;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Tests.Cards;

namespace CardActors.Domain.Tests.Encoding;

public sealed class SnapshotAndMerchantCodecTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_busy_card_snapshot_round_trips_and_keeps_deciding_the_same()
    {
        var card = new CardHarness().Ready(20_000);
        card.Grant(1_000, TimeSpan.FromDays(10), CardHarness.ScopeOf(new ProjectId(1)));
        var (hold, _) = card.Authorize(3_000);
        var (sale, _) = card.Purchase(2_000);
        card.Refund(sale, 500);
        card.Reverse(new TransactionId(424242));
        card.Purchase(0);

        var bytes = CardHarness.Snapshot(card.State);
        var restored = CardSnapshotCodec.Decode(bytes);
        Assert.Equal(bytes, CardHarness.Snapshot(restored));
        Assert.Equal(card.State.Available, restored.Available);
        Assert.Equal(card.State.NextDeadline, restored.NextDeadline);

        var capture = new Capture(new TransactionId(5_000), new IdempotencyKey(1, 5_000), hold, Domain.Monetary.Money.Fen(3_000), CardHarness.Canteen);
        Assert.Equal(CardDecider.Decide(card.State, capture, card.Context).Reply, CardDecider.Decide(restored, capture, card.Context).Reply);
    }

    [Fact]
    public void A_corrupt_snapshot_fails_fast()
    {
        var card = new CardHarness().Ready(20_000);
        card.Authorize(3_000);
        var bytes = CardHarness.Snapshot(card.State);
        Assert.Throws<CodecException>(() => CardSnapshotCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<CodecException>(() => CardSnapshotCodec.Decode([4, .. bytes.AsSpan(1)]));
    }

    [Fact]
    public void Merchant_registration_has_a_stable_layout()
    {
        var registered = new MerchantRegistered(
            Epoch, MerchantId.Parse("CANTEEN00000001"), "Canteen", new MerchantCategory(5812), new MerchantGroupId(1),
            [new ProjectId(1)], SettlementCycle.DailyDefault, new AccountManagerId(9));
        var expected = CardEventGoldenTests.Hex(
            "01 01 00 80 B5 F7 F5 7F 9F 08"
            + " 43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31"   // merchant id
            + " 07 00 43 61 6E 74 65 65 6E"                      // "Canteen"
            + " B4 16"                                           // category 5812
            + " 01 00 00 00"                                     // group 1
            + " 01 00 01 00 00 00"                               // projects [1]
            + " 01 32 00 00 00"                                  // daily, 50 bp
            + " 09 00 00 00");                                   // account manager 9
        var buffer = new ArrayBufferWriter<byte>();
        MerchantEventCodec.Encode(registered, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        var decoded = Assert.IsType<MerchantRegistered>(MerchantEventCodec.Decode(expected));
        Assert.Equal(registered.Name, decoded.Name);
        Assert.Equal(registered.Projects, decoded.Projects, EqualityComparer<ProjectId>.Default);
        Assert.Equal(registered with { Projects = decoded.Projects }, decoded);
    }

    [Fact]
    public void Every_merchant_event_the_profile_and_the_snapshot_round_trip()
    {
        MerchantEvent[] events =
        [
            new MerchantRegistered(Epoch, MerchantId.Parse("CANTEEN00000001"), "食堂一楼", new MerchantCategory(5812), new MerchantGroupId(1), [], SettlementCycle.WeeklyDefault, default),
            new MerchantProfileUpdated(Epoch, "Canteen 2", new MerchantCategory(5814), new MerchantGroupId(2), [new ProjectId(3)]),
            new MerchantSuspended(Epoch),
            new MerchantReactivated(Epoch),
            new TerminalAdded(Epoch, TerminalId.Parse("T0000001")),
            new TerminalAdded(Epoch, TerminalId.Parse("T0000002")),
            new TerminalRemoved(Epoch, TerminalId.Parse("T0000001")),
            new SettlementCycleChanged(Epoch, SettlementCycle.MonthlyDefault),
            new AccountManagerAssigned(Epoch, new AccountManagerId(7)),
            new MerchantClosed(Epoch),
        ];
        var state = new MerchantState();
        foreach (var merchantEvent in events)
        {
            var buffer = new ArrayBufferWriter<byte>();
            MerchantEventCodec.Encode(merchantEvent, buffer);
            var decoded = MerchantEventCodec.Decode(buffer.WrittenSpan);
            var again = new ArrayBufferWriter<byte>();
            MerchantEventCodec.Encode(decoded, again);
            Assert.Equal(buffer.WrittenSpan.ToArray(), again.WrittenSpan.ToArray());
            state.Apply(decoded);
        }
        Assert.Equal(MerchantStatus.Closed, state.Status);
        Assert.Equal(new[] { TerminalId.Parse("T0000002") }, state.Terminals.ToArray());

        var profileBytes = new ArrayBufferWriter<byte>();
        MerchantEventCodec.EncodeProfile(state.Profile, profileBytes);
        var profile = MerchantEventCodec.DecodeProfile(profileBytes.WrittenSpan);
        Assert.Equal(state.Profile.Version, profile.Version);
        Assert.Equal(state.Profile.Status, profile.Status);
        Assert.True(profile.HasTerminal(TerminalId.Parse("T0000002")));

        var snapshot = new ArrayBufferWriter<byte>();
        MerchantSnapshotCodec.Encode(state, snapshot);
        var restored = MerchantSnapshotCodec.Decode(snapshot.WrittenSpan);
        var snapshotAgain = new ArrayBufferWriter<byte>();
        MerchantSnapshotCodec.Encode(restored, snapshotAgain);
        Assert.Equal(snapshot.WrittenSpan.ToArray(), snapshotAgain.WrittenSpan.ToArray());
        Assert.Equal("Canteen 2", restored.Name);
        Assert.Equal(10, restored.Version);
    }
}
