using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>Payment codes in field 48 PC with entry mode 03x (docs/iso8583.md §7): a code pays once.</summary>
public sealed class PaymentCodeTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task A_payment_code_pays_once_and_a_second_use_is_declined_14()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var code = await s.Estate.PaymentCodeAsync(card);

        var buy = s.Terminal.Buy(null, 1_500, paymentCode: code);
        var paid = await s.ExchangeAsync(buy);
        IsoAssert.Approved(buy, paid, s.Terminal.Key);
        Assert.Equal(8_500, paid.Available);
        Assert.Equal((8_500, 8_500, 0), await s.BalancesAsync(card));

        var secondUse = s.Terminal.Buy(null, 1_500, paymentCode: code);
        IsoAssert.Declined(secondUse, await s.ExchangeAsync(secondUse), 14, s.Terminal.Key);
        Assert.Equal((8_500, 8_500, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_retransmission_of_the_paying_message_gets_the_first_answer()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var code = await s.Estate.PaymentCodeAsync(card);

        var buy = s.Terminal.Buy(null, 2_000, paymentCode: code);
        var first = await s.ExchangeAsync(buy);
        IsoAssert.Approved(buy, first, s.Terminal.Key);
        await using var other = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
        var again = await other.ExchangeAsync(buy);
        IsoAssert.Approved(buy, again, s.Terminal.Key);
        Assert.Equal(first.Outcome, again.Outcome);
        Assert.Equal((8_000, 8_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task An_unknown_payment_code_is_declined_14()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        foreach (var code in new[] { "00000000000000000000", "ABCDEFGHIJKLMNOP", "0123456789ABCDEFGHIJKLMNOPQRSTUV" })
        {
            var buy = s.Terminal.Buy(null, 100, paymentCode: code);
            IsoAssert.Declined(buy, await s.ExchangeAsync(buy), 14, s.Terminal.Key);
            var hold = s.Terminal.Authorize(null, 100, paymentCode: code);
            IsoAssert.Declined(hold, await s.ExchangeAsync(hold), 14, s.Terminal.Key);
        }
    }

    [Fact]
    public async Task A_payment_code_hold_is_completed_by_a_0220_without_a_pan()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var code = await s.Estate.PaymentCodeAsync(card);

        var hold = s.Terminal.Authorize(null, 5_000, paymentCode: code);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);
        Assert.Equal((10_000, 5_000, 1), await s.BalancesAsync(card));
        var completion = s.Terminal.Complete(null, 4_000, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        Assert.Equal((6_000, 6_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_payment_code_purchase_is_refunded_and_reversed_without_a_pan()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var buy = s.Terminal.Buy(null, 3_000, paymentCode: await s.Estate.PaymentCodeAsync(card));
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var refund = s.Terminal.GiveBack(null, 1_000, buy);
        IsoAssert.Approved(refund, await s.ExchangeAsync(refund), s.Terminal.Key);
        Assert.Equal((8_000, 8_000, 0), await s.BalancesAsync(card));

        var reversal = s.Terminal.Reverse(null, 3_000, buy);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_payment_code_issued_for_one_card_never_pays_from_another()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var first = await s.Estate.IssueCardAsync(10_000);
        var second = await s.Estate.IssueCardAsync(10_000);
        var code = await s.Estate.PaymentCodeAsync(second);

        var buy = s.Terminal.Buy(null, 700, paymentCode: code);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(first));
        Assert.Equal((9_300, 9_300, 0), await s.BalancesAsync(second));
    }
}
