using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// A reversal that overtakes its original (docs/iso8583.md §9): answered 00 and remembered by the
/// card, so the late original is declined 12 and moves nothing, whichever message came first.
/// </summary>
public sealed class ReversalBeforeOriginalTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task A_purchase_arriving_after_its_reversal_is_declined_12_and_debits_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var buy = s.Terminal.Buy(card, 2_000);
        var reversal = s.Terminal.Reverse(card, 2_000, buy);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        IsoAssert.Declined(buy, await s.ExchangeAsync(buy), 12, s.Terminal.Key);
        IsoAssert.Declined(buy, await s.ExchangeAsync(buy), 12, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task An_authorization_arriving_after_its_reversal_advice_is_declined_12_and_holds_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var hold = s.Terminal.Authorize(card, 3_000);
        var advice = s.Terminal.Reverse(card, 3_000, hold, advice: true);
        IsoAssert.Answered(advice, await s.ExchangeAsync(advice), 0, s.Terminal.Key);

        IsoAssert.Declined(hold, await s.ExchangeAsync(hold), 12, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_completion_arriving_after_its_reversal_is_acknowledged_00_and_not_applied()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 3_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);

        var completion = s.Terminal.Complete(card, 3_000, hold);
        var reversal = s.Terminal.Reverse(card, 3_000, completion, advice: true);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        Assert.Equal((10_000, 7_000, 1), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task The_reversal_and_its_original_racing_on_two_connections_leave_the_card_as_it_was()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        await using var other = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
        var cards = await s.Estate.IssueCardsAsync(20, 10_000);

        var exchanges = new List<Task>();
        foreach (var card in cards)
        {
            var buy = s.Terminal.Buy(card, 1_000);
            var reversal = s.Terminal.Reverse(card, 1_000, buy);
            exchanges.Add(s.Pos.ExchangeAsync(buy));
            exchanges.Add(other.ExchangeAsync(reversal));
        }

        await Task.WhenAll(exchanges).WaitAsync(PosConnection.HangGuard);
        foreach (var card in cards)
        {
            Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
        }
    }
}
