using CardActors.Iso8583;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>0200 purchase, refund, top-up and balance inquiry, and 0400/0420 reversals of sales (docs/iso8583.md §5).</summary>
public sealed class FinancialFlowTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task A_purchase_debits_the_card_and_reports_its_balances()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var buy = s.Terminal.Buy(card, 2_500);
        var answer = await s.ExchangeAsync(buy);
        IsoAssert.Approved(buy, answer, s.Terminal.Key);
        Assert.Equal(7_500, answer.Available);
        Assert.Equal(7_500, answer.Ledger);
        Assert.Equal(7_500, answer.Balance(AmountAccount.MainPurse, AmountType.LedgerBalance));
        Assert.Equal((7_500, 7_500, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_refund_names_its_sale_by_field_90_and_may_not_exceed_what_is_left()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 3_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);

        var refund = s.Terminal.GiveBack(card, 1_000, buy);
        var refunded = await s.ExchangeAsync(refund);
        IsoAssert.Approved(refund, refunded, s.Terminal.Key);
        Assert.Equal(8_000, refunded.Available);
        Assert.Equal((8_000, 8_000, 0), await s.BalancesAsync(card));

        var tooMuch = s.Terminal.GiveBack(card, 2_001, buy);
        IsoAssert.Declined(tooMuch, await s.ExchangeAsync(tooMuch), 13, s.Terminal.Key);
        var rest = s.Terminal.GiveBack(card, 2_000, buy);
        IsoAssert.Approved(rest, await s.ExchangeAsync(rest), s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        var unknown = s.Terminal.GiveBack(card, 100, s.Terminal.Buy(card, 100));
        IsoAssert.Declined(unknown, await s.ExchangeAsync(unknown), 12, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_refund_of_a_completed_authorization_names_the_completion()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 3_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);
        var completion = s.Terminal.Complete(card, 3_000, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);

        var refund = s.Terminal.GiveBack(card, 3_000, completion);
        IsoAssert.Approved(refund, await s.ExchangeAsync(refund), s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_top_up_credits_the_main_purse_up_to_the_balance_cap()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node, new ProductDocument { BalanceCap = 20_000 });
        var card = await s.Estate.IssueCardAsync(5_000);

        var load = s.Terminal.Load(card, 10_000);
        var loaded = await s.ExchangeAsync(load);
        IsoAssert.Approved(load, loaded, s.Terminal.Key);
        Assert.Equal(15_000, loaded.Available);
        Assert.Equal((15_000, 15_000, 0), await s.BalancesAsync(card));

        var overCap = s.Terminal.Load(card, 5_001);
        IsoAssert.Declined(overCap, await s.ExchangeAsync(overCap), 61, s.Terminal.Key);
        Assert.Equal((15_000, 15_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_balance_inquiry_is_approved_with_the_balances_in_field_54_and_moves_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 4_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);

        var inquiry = s.Terminal.Inquire(card);
        var answer = await s.ExchangeAsync(inquiry);
        IsoAssert.Approved(inquiry, answer, s.Terminal.Key);
        Assert.False(answer.Has(FieldNumber.Amount));
        Assert.Equal(6_000, answer.Available);
        Assert.Equal(10_000, answer.Ledger);
        Assert.Equal((10_000, 6_000, 1), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_purchase_is_reversed_by_0400_and_by_0420_and_the_money_comes_back_once()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var first = s.Terminal.Buy(card, 2_000);
        IsoAssert.Approved(first, await s.ExchangeAsync(first), s.Terminal.Key);
        var reversal = s.Terminal.Reverse(card, 2_000, first);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        var second = s.Terminal.Buy(card, 1_500);
        IsoAssert.Approved(second, await s.ExchangeAsync(second), s.Terminal.Key);
        var advice = s.Terminal.Reverse(card, 1_500, second, advice: true);
        IsoAssert.Answered(advice, await s.ExchangeAsync(advice), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        var secondReversal = s.Terminal.Reverse(card, 1_500, second);
        IsoAssert.Answered(secondReversal, await s.ExchangeAsync(secondReversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_of_a_completion_gives_the_captured_money_back()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 3_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);
        var completion = s.Terminal.Complete(card, 2_000, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        Assert.Equal((8_000, 8_000, 0), await s.BalancesAsync(card));

        var reversal = s.Terminal.Reverse(card, 2_000, completion);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task Batch_totals_are_answered_00_under_the_terminals_key()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var totals = s.Terminal.Totals(1122, 7, (1, 1_000), (0, 0), (3, 7_500), (1, 2_000));
        var answer = await s.ExchangeAsync(totals);
        IsoAssert.Answered(totals, answer, 0, s.Terminal.Key);
        Assert.Equal(510, answer.Mti);
        Assert.True(answer.Has(FieldNumber.SettlementDate));

        var forged = s.Terminal.Totals(1122, 8, (0, 0), (0, 0), (0, 0), (0, 0), PosMac.Wrong);
        IsoAssert.Refused(forged, await s.ExchangeAsync(forged), 12);
    }

    [Fact]
    public async Task A_financial_request_with_an_unknown_processing_code_is_answered_12()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(1_000);
        var cashAdvance = s.Terminal.Buy(card, 100, tweak: b => b.SetNumeric(FieldNumber.ProcessingCode, 01_0000));
        IsoAssert.Declined(cashAdvance, await s.ExchangeAsync(cashAdvance), 12, s.Terminal.Key);
        Assert.Equal((1_000, 1_000, 0), await s.BalancesAsync(card));
    }
}
