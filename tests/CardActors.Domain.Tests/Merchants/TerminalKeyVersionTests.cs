using System.Buffers;
using System.Collections.Immutable;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;

namespace CardActors.Domain.Tests.Merchants;

public sealed class TerminalKeyVersionTests
{
    private static readonly MerchantContext Context = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8)));
    private static readonly TerminalId T1 = TerminalId.Parse("T0000001");
    private static readonly TerminalId T2 = TerminalId.Parse("T0000002");

    private static MerchantDecision Run(MerchantState state, MerchantCommand command)
    {
        var decision = MerchantDecider.Decide(state, command, Context);
        if (decision.Event is { } merchantEvent)
        {
            state.Apply(merchantEvent);
        }
        return decision;
    }

    private static MerchantState WithTerminal()
    {
        var state = new MerchantState();
        Run(state, new RegisterMerchant(
            MerchantId.Parse("CANTEEN00000001"), "Canteen", new MerchantCategory(5812), default, [], SettlementCycle.DailyDefault, default));
        Run(state, new AddTerminal(T1));
        return state;
    }

    private static TerminalId Terminal(int n) => TerminalId.Parse("T" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_new_terminal_starts_at_version_one_with_no_previous()
    {
        var state = WithTerminal();
        Assert.Equal(new TerminalKeyVersions(1, 0), state.KeyVersionsOf(T1));
        Assert.Equal(new TerminalKeyVersions(1, 0), state.Profile.KeyVersionsOf(T1));
        Assert.Equal(default, state.KeyVersionsOf(T2));
        Assert.True(state.Profile.KeyVersionsOf(T2).IsNone);
        Assert.False(state.Profile.KeyVersionsOf(T2).Accepts(0));
    }

    [Fact]
    public void Rotation_keeps_the_old_key_as_previous_until_it_is_retired()
    {
        var state = WithTerminal();
        var rotated = Run(state, new RotateTerminalKey(T1));
        Assert.Equal(new TerminalKeyRotated(Context.Now, T1, 2), rotated.Event);
        Assert.True(rotated.Reply.Accepted);
        Assert.Equal(state.Version, rotated.Reply.Version);
        var versions = state.Profile.KeyVersionsOf(T1);
        Assert.Equal(new TerminalKeyVersions(2, 1), versions);
        Assert.True(versions.Accepts(1) && versions.Accepts(2) && !versions.Accepts(3) && !versions.Accepts(0));

        // A second rotation before retiring drops the oldest key.
        Run(state, new RotateTerminalKey(T1));
        Assert.Equal(new TerminalKeyVersions(3, 2), state.KeyVersionsOf(T1));

        var retired = Run(state, new RetirePreviousTerminalKey(T1));
        Assert.Equal(new TerminalPreviousKeyRetired(Context.Now, T1), retired.Event);
        Assert.Equal(new TerminalKeyVersions(3, 0), state.Profile.KeyVersionsOf(T1));
        Assert.False(state.Profile.KeyVersionsOf(T1).Accepts(2));
    }

    [Fact]
    public void Retiring_when_there_is_no_previous_key_is_accepted_without_an_event()
    {
        var state = WithTerminal();
        var decision = MerchantDecider.Decide(state, new RetirePreviousTerminalKey(T1), Context);
        Assert.Null(decision.Event);
        Assert.True(decision.Reply.Accepted);
        Assert.Equal(state.Version, decision.Reply.Version);
    }

    [Fact]
    public void Unknown_or_missing_terminals_closed_and_unregistered_merchants_are_rejected()
    {
        var state = WithTerminal();
        foreach (MerchantCommand command in new MerchantCommand[] { new RotateTerminalKey(T2), new RetirePreviousTerminalKey(T2) })
        {
            var decision = MerchantDecider.Decide(state, command, Context);
            Assert.Null(decision.Event);
            Assert.Equal(MerchantRejection.TerminalUnknown, decision.Reply.Rejection);
            Assert.Equal("terminalId: not registered for this merchant", decision.Reply.Detail);
        }
        Assert.Equal(MerchantRejection.TerminalMissing, MerchantDecider.Decide(state, new RotateTerminalKey(default), Context).Reply.Rejection);
        Assert.Equal(MerchantRejection.TerminalMissing, MerchantDecider.Decide(state, new RetirePreviousTerminalKey(default), Context).Reply.Rejection);
        Assert.Equal(MerchantRejection.NotRegistered, MerchantDecider.Decide(new MerchantState(), new RotateTerminalKey(T1), Context).Reply.Rejection);

        Run(state, new CloseMerchant());
        Assert.Equal(MerchantRejection.Closed, MerchantDecider.Decide(state, new RotateTerminalKey(T1), Context).Reply.Rejection);
        Assert.Equal(MerchantRejection.Closed, MerchantDecider.Decide(state, new RetirePreviousTerminalKey(T1), Context).Reply.Rejection);
    }

    [Fact]
    public void A_suspended_merchant_may_still_rotate_keys()
    {
        var state = WithTerminal();
        Run(state, new SuspendMerchant());
        Assert.True(Run(state, new RotateTerminalKey(T1)).Reply.Accepted);
        Assert.Equal(2, state.KeyVersionsOf(T1).Current);
    }

    [Fact]
    public void Removing_forgets_the_versions_and_re_adding_starts_above_the_last_one()
    {
        var state = WithTerminal();
        Run(state, new RotateTerminalKey(T1));
        Run(state, new RotateTerminalKey(T1));
        Run(state, new RemoveTerminal(T1));
        Assert.Equal(default, state.KeyVersionsOf(T1));
        Assert.Equal(default, state.Profile.KeyVersionsOf(T1));
        Run(state, new AddTerminal(T2));
        Assert.Equal(new TerminalKeyVersions(1, 0), state.KeyVersionsOf(T2));
        Run(state, new AddTerminal(T1));
        Assert.Equal(new TerminalKeyVersions(4, 0), state.KeyVersionsOf(T1));
        Run(state, new RemoveTerminal(T1));
        Run(state, new AddTerminal(T1));
        Assert.Equal(new TerminalKeyVersions(5, 0), state.KeyVersionsOf(T1));
    }

    [Fact]
    public void Forgotten_removals_raise_the_floor_so_no_key_is_ever_reused()
    {
        var state = WithTerminal();
        for (var i = 0; i < 4; i++)
        {
            Run(state, new RotateTerminalKey(T1));
        }
        Run(state, new RemoveTerminal(T1));   // T1 last had version 5
        for (var n = 100; n < 100 + MerchantState.MaxRemovedKeyMemory; n++)
        {
            Run(state, new AddTerminal(Terminal(n)));
            Run(state, new RemoveTerminal(Terminal(n)));
        }
        Assert.Equal(MerchantState.MaxRemovedKeyMemory, state.RemovedKeys.Length);
        Assert.Equal(5, state.KeyVersionFloor);

        Run(state, new AddTerminal(T1));
        Assert.Equal(6, state.KeyVersionsOf(T1).Current);          // forgotten: above the floor
        Run(state, new AddTerminal(T2));
        Assert.Equal(6, state.KeyVersionsOf(T2).Current);          // never seen: above the floor too
        Run(state, new AddTerminal(Terminal(101)));
        Assert.Equal(2, state.KeyVersionsOf(Terminal(101)).Current); // still remembered: its own last + 1

        var bytes = new ArrayBufferWriter<byte>();
        MerchantSnapshotCodec.Encode(state, bytes);
        var restored = MerchantSnapshotCodec.Decode(bytes.WrittenSpan);
        Assert.Equal(state.KeyVersionFloor, restored.KeyVersionFloor);
        Assert.Equal(state.RemovedKeys.ToArray(), restored.RemovedKeys.ToArray());
        Run(restored, new AddTerminal(Terminal(102)));
        Assert.Equal(2, restored.KeyVersionsOf(Terminal(102)).Current);
        Run(restored, new AddTerminal(Terminal(99)));
        Assert.Equal(6, restored.KeyVersionsOf(Terminal(99)).Current);
    }

    [Fact]
    public void A_profile_with_many_terminals_finds_each_one()
    {
        var state = WithTerminal();
        for (var n = 2; n <= 40; n++)
        {
            Run(state, new AddTerminal(Terminal(n)));
        }
        Run(state, new RotateTerminalKey(Terminal(33)));
        var profile = state.Profile;
        for (var n = 1; n <= 40; n++)
        {
            Assert.True(profile.HasTerminal(Terminal(n)));
            Assert.Equal(n == 33 ? new TerminalKeyVersions(2, 1) : TerminalKeyVersions.Initial, profile.KeyVersionsOf(Terminal(n)));
        }
        Assert.False(profile.HasTerminal(Terminal(41)));
        Assert.Equal(default, profile.KeyVersionsOf(Terminal(41)));
    }

    [Fact]
    public void Apply_fails_fast_on_impossible_key_events()
    {
        var state = WithTerminal();
        Assert.Throws<InvalidOperationException>(() => state.Apply(new TerminalKeyRotated(Context.Now, T1, 3)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new TerminalKeyRotated(Context.Now, T1, 1)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new TerminalKeyRotated(Context.Now, T2, 2)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new TerminalPreviousKeyRetired(Context.Now, T1)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new TerminalPreviousKeyRetired(Context.Now, T2)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new TerminalAdded(Context.Now, default)));
        Assert.Equal(new TerminalKeyVersions(1, 0), state.KeyVersionsOf(T1));
        Assert.Equal(2, state.Version);
    }

    [Fact]
    public void A_profile_needs_one_key_entry_per_terminal()
    {
        Assert.Throws<ArgumentException>(() => new MerchantProfile(
            MerchantId.Parse("CANTEEN00000001"), 1, MerchantStatus.Active, new MerchantCategory(5812), default, [], [T1], []));
        Assert.Throws<ArgumentException>(() => new MerchantProfile(
            MerchantId.Parse("CANTEEN00000001"), 1, MerchantStatus.Active, new MerchantCategory(5812), default, [], [T1, T1],
            [TerminalKeyVersions.Initial, TerminalKeyVersions.Initial]));
        var many = Enumerable.Range(1, 20).Select(Terminal).Append(T1).ToImmutableArray();
        Assert.Throws<ArgumentException>(() => new MerchantProfile(
            MerchantId.Parse("CANTEEN00000001"), 1, MerchantStatus.Active, new MerchantCategory(5812), default, [], many,
            [.. Enumerable.Repeat(TerminalKeyVersions.Initial, many.Length)]));
    }
}
