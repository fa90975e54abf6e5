using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// A merchant suspended between a request and its retransmission (docs/iso8583.md §9): the card
/// answers the retransmission with its first answer, declines new money movements 05, and honours
/// completions and reversals of what it approved before.
/// </summary>
public sealed class MerchantSuspensionTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task Retransmissions_of_a_purchase_and_a_counter_load_approved_before_the_suspension_get_their_first_answers()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 1_200);
        var bought = await s.ExchangeAsync(buy);
        IsoAssert.Approved(buy, bought, s.Terminal.Key);
        var load = s.Terminal.Load(card, 3_000);
        var loaded = await s.ExchangeAsync(load);
        IsoAssert.Approved(load, loaded, s.Terminal.Key);

        await s.Estate.SuspendAsync();

        var boughtAgain = await s.ExchangeAsync(buy);
        IsoAssert.Approved(buy, boughtAgain, s.Terminal.Key);
        Assert.Equal(bought.Outcome, boughtAgain.Outcome);
        var loadedAgain = await s.ExchangeAsync(load);
        IsoAssert.Approved(load, loadedAgain, s.Terminal.Key);
        Assert.Equal(loaded.Outcome, loadedAgain.Outcome);
        Assert.Equal((11_800, 11_800, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task New_loads_refunds_and_inquiries_are_answered_05_while_completions_and_reversals_are_honoured()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 2_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var hold = s.Terminal.Authorize(card, 1_500);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);

        await s.Estate.SuspendAsync();

        foreach (var request in new[] { s.Terminal.Load(card, 500), s.Terminal.GiveBack(card, 500, buy), s.Terminal.Inquire(card) })
        {
            IsoAssert.Declined(request, await s.ExchangeAsync(request), 5, s.Terminal.Key);
        }

        Assert.Equal((8_000, 6_500, 1), await s.BalancesAsync(card));
        var completion = s.Terminal.Complete(card, 1_500, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        var reversal = s.Terminal.Reverse(card, 2_000, buy);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((8_500, 8_500, 0), await s.BalancesAsync(card));

        await s.Estate.ReactivateAsync();
        var load = s.Terminal.Load(card, 500);
        IsoAssert.Approved(load, await s.ExchangeAsync(load), s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }
}
