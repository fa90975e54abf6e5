using System.Buffers;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;

namespace CardActors.Domain.Tests.Encoding;

/// <summary>
/// Hand-written layouts of the terminal key events, the version 2 merchant snapshot and profile,
/// and the version 1 snapshot and profile that must still decode.
/// </summary>
public sealed class MerchantKeyCodecTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;
    private static readonly TerminalId T1 = TerminalId.Parse("T0000001");
    private static readonly TerminalId T2 = TerminalId.Parse("T0000002");

    private const string EpochTicks = "00 80 B5 F7 F5 7F 9F 08";
    private const string Canteen = "43 41 4E 54 45 45 4E 30 30 30 30 30 30 30 31"; // "CANTEEN00000001"
    private const string TerminalT1 = "54 30 30 30 30 30 30 31";                   // "T0000001"
    private const string TerminalT2 = "54 30 30 30 30 30 30 32";                   // "T0000002"

    // The fields before the terminal list, shared by both snapshot versions.
    private const string SnapshotHead =
        Canteen
        + " 01"                              // active
        + " 07 00 43 61 6E 74 65 65 6E"      // "Canteen"
        + " B4 16"                           // category 5812
        + " 01 00 00 00"                     // group 1
        + " 01 00 01 00 00 00";              // projects [1]

    // The fields after the terminal list, shared by both snapshot versions (version number excluded).
    private const string SnapshotCycleToRegistered =
        " 01 32 00 00 00"                    // daily, 50 bp
        + " 09 00 00 00"                     // account manager 9
        + " " + EpochTicks;                  // registered at

    private const string NoMoney = " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"; // unsettled sales, refunds

    private static byte[] Encode(MerchantEvent merchantEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var written = MerchantEventCodec.Encode(merchantEvent, buffer);
        Assert.Equal(buffer.WrittenCount, written);
        return buffer.WrittenSpan.ToArray();
    }

    private static MerchantState Apply(params MerchantEvent[] events)
    {
        var state = new MerchantState();
        foreach (var merchantEvent in events)
        {
            state.Apply(merchantEvent);
        }
        return state;
    }

    /// <summary>Registered, T1 and T2 added, T1 rotated to 2, T2 removed: five events.</summary>
    private static MerchantState Sample() => Apply(
        new MerchantRegistered(Epoch, MerchantId.Parse("CANTEEN00000001"), "Canteen", new MerchantCategory(5812), new MerchantGroupId(1),
            [new ProjectId(1)], SettlementCycle.DailyDefault, new AccountManagerId(9)),
        new TerminalAdded(Epoch, T1),
        new TerminalAdded(Epoch, T2),
        new TerminalKeyRotated(Epoch, T1, 2),
        new TerminalRemoved(Epoch, T2));

    [Fact]
    public void Key_rotation_has_a_stable_layout()
    {
        var rotated = new TerminalKeyRotated(Epoch, T1, 2);
        var expected = CardEventGoldenTests.Hex("0A 01 " + EpochTicks + " " + TerminalT1 + " 02 00 00 00");
        Assert.Equal(expected, Encode(rotated));
        Assert.Equal(rotated, MerchantEventCodec.Decode(expected));
    }

    [Fact]
    public void Retiring_the_previous_key_has_a_stable_layout()
    {
        var retired = new TerminalPreviousKeyRetired(Epoch, T1);
        var expected = CardEventGoldenTests.Hex("0B 01 " + EpochTicks + " " + TerminalT1);
        Assert.Equal(expected, Encode(retired));
        Assert.Equal(retired, MerchantEventCodec.Decode(expected));
        Assert.Throws<CodecException>(() => MerchantEventCodec.Decode(expected.AsSpan(0, expected.Length - 1)));
        Assert.Throws<CodecException>(() => MerchantEventCodec.Decode(CardEventGoldenTests.Hex("0C 01 " + EpochTicks + " " + TerminalT1)));
    }

    [Fact]
    public void Snapshot_version_2_has_a_stable_layout()
    {
        var expected = CardEventGoldenTests.Hex(
            "02 " + SnapshotHead
            + " 01 00 " + TerminalT1 + " 02 00 00 00 01 00 00 00"   // one terminal: T1, current 2, previous 1
            + SnapshotCycleToRegistered
            + " 05 00 00 00 00 00 00 00"                            // version 5
            + NoMoney
            + " 01 00 " + TerminalT2 + " 01 00 00 00"               // removed: T2, last version 1
            + " 00 00 00 00");                                      // key version floor 0
        var buffer = new ArrayBufferWriter<byte>();
        MerchantSnapshotCodec.Encode(Sample(), buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());

        var restored = MerchantSnapshotCodec.Decode(expected);
        Assert.Equal(new TerminalKeyVersions(2, 1), restored.KeyVersionsOf(T1));
        Assert.Equal(new TerminalKeyVersions(2, 1), restored.Profile.KeyVersionsOf(T1));
        restored.Apply(new TerminalAdded(Epoch, T2));
        Assert.Equal(new TerminalKeyVersions(2, 0), restored.KeyVersionsOf(T2));
    }

    [Fact]
    public void A_hand_written_version_1_snapshot_still_decodes_with_every_terminal_at_key_version_1()
    {
        var version1 = CardEventGoldenTests.Hex(
            "01 " + SnapshotHead
            + " 02 00 " + TerminalT1 + " " + TerminalT2              // two terminals, ids only
            + SnapshotCycleToRegistered
            + " 03 00 00 00 00 00 00 00"                            // version 3
            + " E8 03 00 00 00 00 00 00 64 00 00 00 00 00 00 00");  // unsettled sales 1000, refunds 100
        var state = MerchantSnapshotCodec.Decode(version1);
        Assert.Equal("Canteen", state.Name);
        Assert.Equal(3, state.Version);
        Assert.Equal(1_000, state.UnsettledSales);
        Assert.Equal(100, state.UnsettledRefunds);
        Assert.Equal(new[] { T1, T2 }, state.Terminals.ToArray());
        Assert.Equal(TerminalKeyVersions.Initial, state.KeyVersionsOf(T1));
        Assert.Equal(TerminalKeyVersions.Initial, state.Profile.KeyVersionsOf(T2));
        Assert.Empty(state.RemovedKeys);
        Assert.Equal(0, state.KeyVersionFloor);

        // Written again, it comes out as version 2 with the key versions it was given.
        var buffer = new ArrayBufferWriter<byte>();
        MerchantSnapshotCodec.Encode(state, buffer);
        var expected = CardEventGoldenTests.Hex(
            "02 " + SnapshotHead
            + " 02 00 " + TerminalT1 + " 01 00 00 00 00 00 00 00 " + TerminalT2 + " 01 00 00 00 00 00 00 00"
            + SnapshotCycleToRegistered
            + " 03 00 00 00 00 00 00 00"
            + " E8 03 00 00 00 00 00 00 64 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00");                                // nothing removed, floor 0
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Snapshots_with_impossible_key_versions_or_unknown_versions_fail_fast()
    {
        var buffer = new ArrayBufferWriter<byte>();
        MerchantSnapshotCodec.Encode(Sample(), buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        Assert.Throws<CodecException>(() => MerchantSnapshotCodec.Decode([3, .. bytes.AsSpan(1)]));
        Assert.Throws<CodecException>(() => MerchantSnapshotCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<CodecException>(() => MerchantSnapshotCodec.Decode([.. bytes, 0]));

        // Previous (2) not below current (2).
        var terminalAt = 1 + 15 + 1 + 9 + 2 + 4 + 6 + 2;
        var badPrevious = bytes.ToArray();
        badPrevious[terminalAt + 8 + 4] = 2;
        Assert.Throws<CodecException>(() => MerchantSnapshotCodec.Decode(badPrevious));

        // The removed memory names a terminal that is registered.
        var removedAt = bytes.Length - 4 - 4 - 8;
        var clash = bytes.ToArray();
        clash[removedAt + 7] = (byte)'1';
        Assert.Throws<CodecException>(() => MerchantSnapshotCodec.Decode(clash));
    }

    [Fact]
    public void Profile_version_2_carries_the_key_versions()
    {
        var state = Sample();
        var expected = CardEventGoldenTests.Hex(
            "80 02 " + Canteen
            + " 05 00 00 00 00 00 00 00"                            // profile version 5
            + " 01 B4 16 01 00 00 00 01 00 01 00 00 00"             // active, 5812, group 1, projects [1]
            + " 01 00 " + TerminalT1 + " 02 00 00 00 01 00 00 00"); // T1: current 2, previous 1
        var buffer = new ArrayBufferWriter<byte>();
        MerchantEventCodec.EncodeProfile(state.Profile, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        var profile = MerchantEventCodec.DecodeProfile(expected);
        Assert.Equal(5, profile.Version);
        Assert.Equal(new TerminalKeyVersions(2, 1), profile.KeyVersionsOf(T1));
        Assert.False(profile.HasTerminal(T2));
    }

    [Fact]
    public void A_version_1_profile_from_an_older_node_reads_with_key_version_1()
    {
        var version1 = CardEventGoldenTests.Hex(
            "80 01 " + Canteen + " 05 00 00 00 00 00 00 00 01 B4 16 01 00 00 00 01 00 01 00 00 00"
            + " 01 00 " + TerminalT1);
        var profile = MerchantEventCodec.DecodeProfile(version1);
        Assert.Equal(TerminalKeyVersions.Initial, profile.KeyVersionsOf(T1));
        Assert.Throws<CodecException>(() => MerchantEventCodec.DecodeProfile([0x80, 3, .. version1.AsSpan(2)]));
        Assert.Throws<CodecException>(() => MerchantEventCodec.DecodeProfile(CardEventGoldenTests.Hex(
            "80 01 " + Canteen + " 05 00 00 00 00 00 00 00 01 B4 16 01 00 00 00 00 00 02 00 " + TerminalT1 + " " + TerminalT1)));
    }
}
