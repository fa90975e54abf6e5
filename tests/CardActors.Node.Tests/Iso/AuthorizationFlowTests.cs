using CardActors.Iso8583;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>0100 holds, 0220 completions and 0400/0420 reversals of holds (docs/iso8583.md §5).</summary>
public sealed class AuthorizationFlowTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task An_authorization_holds_and_a_partial_completion_captures_part_and_releases_the_rest()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (estate, terminal, pos) = (s.Estate, s.Terminal, s.Pos);
        var card = await estate.IssueCardAsync(10_000);

        var hold = terminal.Authorize(card, 3_000);
        var held = await pos.ExchangeAsync(hold);
        IsoAssert.Approved(hold, held, terminal.Key);
        Assert.Equal(7_000, held.Available);
        Assert.Equal(10_000, held.Ledger);
        Assert.Equal((10_000, 7_000, 1), await estate.BalancesAsync(card));

        var completion = terminal.Complete(card, 2_000, hold);
        var completed = await pos.ExchangeAsync(completion);
        IsoAssert.Answered(completion, completed, 0, terminal.Key);
        Assert.Equal((8_000, 8_000, 0), await estate.BalancesAsync(card));

        var again = await pos.ExchangeAsync(completion);
        IsoAssert.Answered(completion, again, 0, terminal.Key);
        Assert.Equal((8_000, 8_000, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task A_full_completion_captures_the_whole_hold()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (estate, terminal, pos) = (s.Estate, s.Terminal, s.Pos);
        var card = await estate.IssueCardAsync(10_000);

        var hold = terminal.Authorize(card, 4_000);
        IsoAssert.Approved(hold, await pos.ExchangeAsync(hold), terminal.Key);
        var completion = terminal.Complete(card, 4_000, hold);
        IsoAssert.Answered(completion, await pos.ExchangeAsync(completion), 0, terminal.Key);
        Assert.Equal((6_000, 6_000, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task A_completion_of_an_unknown_hold_is_acknowledged_00_and_moves_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (estate, terminal, pos) = (s.Estate, s.Terminal, s.Pos);
        var card = await estate.IssueCardAsync(10_000);

        var neverSent = terminal.Authorize(card, 2_000);
        var completion = terminal.Complete(card, 2_000, neverSent);
        IsoAssert.Answered(completion, await pos.ExchangeAsync(completion), 0, terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task A_completion_from_a_terminal_not_signed_on_is_still_recorded()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (estate, terminal, pos) = (s.Estate, s.Terminal, s.Pos);
        var card = await estate.IssueCardAsync(10_000);
        var hold = terminal.Authorize(card, 2_000);
        IsoAssert.Approved(hold, await pos.ExchangeAsync(hold), terminal.Key);
        await pos.ExchangeAsync(terminal.SignOff());

        var completion = terminal.Complete(card, 1_500, hold);
        IsoAssert.Answered(completion, await pos.ExchangeAsync(completion), 0, terminal.Key);
        Assert.Equal((8_500, 8_500, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_releases_a_hold_and_a_completion_after_it_captures_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (estate, terminal, pos) = (s.Estate, s.Terminal, s.Pos);
        var card = await estate.IssueCardAsync(10_000);

        var hold = terminal.Authorize(card, 2_500);
        IsoAssert.Approved(hold, await pos.ExchangeAsync(hold), terminal.Key);
        var reversal = terminal.Reverse(card, 2_500, hold);
        var reversed = await pos.ExchangeAsync(reversal);
        IsoAssert.Answered(reversal, reversed, 0, terminal.Key);
        Assert.False(reversed.Has(FieldNumber.ApprovalCode));
        Assert.Equal((10_000, 10_000, 0), await estate.BalancesAsync(card));

        var completion = terminal.Complete(card, 2_500, hold);
        IsoAssert.Answered(completion, await pos.ExchangeAsync(completion), 0, terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_advice_releases_a_hold_and_its_repetition_changes_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (estate, terminal, pos) = (s.Estate, s.Terminal, s.Pos);
        var card = await estate.IssueCardAsync(10_000);

        var hold = terminal.Authorize(card, 1_200);
        IsoAssert.Approved(hold, await pos.ExchangeAsync(hold), terminal.Key);
        Assert.Equal((10_000, 8_800, 1), await estate.BalancesAsync(card));
        var advice = terminal.Reverse(card, 1_200, hold, advice: true);
        IsoAssert.Answered(advice, await pos.ExchangeAsync(advice), 0, terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await estate.BalancesAsync(card));
        IsoAssert.Answered(advice, await pos.ExchangeAsync(advice), 0, terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task An_authorization_above_the_available_balance_is_declined_51_with_balances()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (estate, terminal, pos) = (s.Estate, s.Terminal, s.Pos);
        var card = await estate.IssueCardAsync(1_000);

        var hold = terminal.Authorize(card, 1_001);
        var declined = await pos.ExchangeAsync(hold);
        IsoAssert.Declined(hold, declined, 51, terminal.Key);
        Assert.Equal(1_000, declined.Available);
        Assert.Equal((1_000, 1_000, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task An_authorization_for_a_card_never_issued_is_declined_14()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (terminal, pos) = (s.Terminal, s.Pos);

        var hold = terminal.Authorize("6277000000000011", 100);
        IsoAssert.Declined(hold, await pos.ExchangeAsync(hold), 14, terminal.Key);
        var badLuhn = terminal.Authorize("6277000000000012", 100);
        IsoAssert.Declined(badLuhn, await pos.ExchangeAsync(badLuhn), 14, terminal.Key);
    }

    [Fact]
    public async Task An_authorization_with_another_processing_code_is_answered_12()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var (estate, terminal, pos) = (s.Estate, s.Terminal, s.Pos);
        var card = await estate.IssueCardAsync(1_000);

        var refundHold = terminal.Authorize(card, 100, tweak: b => b.SetNumeric(FieldNumber.ProcessingCode, PosTerminal.Refund));
        IsoAssert.Declined(refundHold, await pos.ExchangeAsync(refundHold), 12, terminal.Key);
        Assert.Equal((1_000, 1_000, 0), await estate.BalancesAsync(card));
    }
}
