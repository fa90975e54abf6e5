using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// Rules of docs/iso8583.md §5, seen from the wire: a reversal of a credit (top-up, refund) takes
/// the money back (51 when it has been spent), and a completion advice above its hold captures the
/// hold.
/// </summary>
public sealed class CreditReversalAndOverCaptureTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task A_reversal_of_a_top_up_takes_the_credit_back()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(5_000);
        var load = s.Terminal.Load(card, 3_000);
        IsoAssert.Approved(load, await s.ExchangeAsync(load), s.Terminal.Key);

        var reversal = s.Terminal.Reverse(card, 3_000, load);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((5_000, 5_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_of_a_refund_takes_the_credit_back()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 4_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var refund = s.Terminal.GiveBack(card, 1_000, buy);
        IsoAssert.Approved(refund, await s.ExchangeAsync(refund), s.Terminal.Key);

        var reversal = s.Terminal.Reverse(card, 1_000, refund);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((6_000, 6_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_of_a_top_up_whose_money_is_spent_is_declined_51()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(1_000);
        var load = s.Terminal.Load(card, 3_000);
        IsoAssert.Approved(load, await s.ExchangeAsync(load), s.Terminal.Key);
        var buy = s.Terminal.Buy(card, 3_500);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);

        var reversal = s.Terminal.Reverse(card, 3_000, load);
        IsoAssert.Declined(reversal, await s.ExchangeAsync(reversal), 51, s.Terminal.Key);
        Assert.Equal((500, 500, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_completion_above_the_hold_captures_the_hold()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 3_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);

        var completion = s.Terminal.Complete(card, 3_500, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        Assert.Equal((7_000, 7_000, 0), await s.BalancesAsync(card));
    }
}
