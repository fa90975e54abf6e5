using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>What a reversal undoes (docs/iso8583.md §5): whatever of its original is still open, and nothing else.</summary>
public sealed class ReversalScopeTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task A_reversal_of_a_completed_authorization_returns_the_captured_amount()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 3_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);
        var completion = s.Terminal.Complete(card, 2_500, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        Assert.Equal((7_500, 7_500, 0), await s.BalancesAsync(card));

        var reversal = s.Terminal.Reverse(card, 3_000, hold);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_of_a_fully_refunded_sale_is_answered_00_and_moves_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 2_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var refund = s.Terminal.GiveBack(card, 2_000, buy);
        IsoAssert.Approved(refund, await s.ExchangeAsync(refund), s.Terminal.Key);

        var reversal = s.Terminal.Reverse(card, 2_000, buy);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_of_a_declined_original_is_answered_00_and_moves_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(1_000);
        var buy = s.Terminal.Buy(card, 2_000);
        IsoAssert.Declined(buy, await s.ExchangeAsync(buy), 51, s.Terminal.Key);

        var reversal = s.Terminal.Reverse(card, 2_000, buy);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((1_000, 1_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_of_a_balance_inquiry_has_nothing_to_undo()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(1_000);
        var inquiry = s.Terminal.Inquire(card);
        IsoAssert.Approved(inquiry, await s.ExchangeAsync(inquiry), s.Terminal.Key);

        var reversal = s.Terminal.Reverse(card, 1, inquiry);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((1_000, 1_000, 0), await s.BalancesAsync(card));
    }
}
