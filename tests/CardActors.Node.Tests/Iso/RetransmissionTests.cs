using CardActors.Iso8583;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// Retransmissions (docs/iso8583.md §9): the same duplicate key with the same content gets the first
/// answer and moves nothing; the same key with other content gets 94.
/// </summary>
public sealed class RetransmissionTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task A_retransmitted_purchase_gets_the_first_answer_and_debits_once()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var buy = s.Terminal.Buy(card, 1_000);
        var first = await s.ExchangeAsync(buy);
        IsoAssert.Approved(buy, first, s.Terminal.Key);
        var second = await s.ExchangeAsync(buy);
        IsoAssert.Approved(buy, second, s.Terminal.Key);
        Assert.Equal(first.Outcome, second.Outcome);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_retransmission_on_another_connection_gets_the_first_answer()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var hold = s.Terminal.Authorize(card, 2_000);
        var first = await s.ExchangeAsync(hold);
        await using var other = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
        var second = await other.ExchangeAsync(hold);
        IsoAssert.Approved(hold, second, s.Terminal.Key);
        Assert.Equal(first.Outcome, second.Outcome);
        Assert.Equal((10_000, 8_000, 1), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task Retransmissions_sent_before_the_first_answer_all_get_the_same_answer_and_hold_once()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var hold = s.Terminal.Authorize(card, 2_500);
        var answers = Enumerable.Range(0, 5).Select(_ => s.Pos.Expect(hold.TerminalId, hold.Stan)).ToArray();
        for (var i = 0; i < answers.Length; i++)
        {
            await s.Pos.SendAsync(hold.Frame);
        }

        var outcomes = await Task.WhenAll(answers).WaitAsync(PosConnection.HangGuard);
        foreach (var answer in outcomes)
        {
            IsoAssert.Approved(hold, answer, s.Terminal.Key);
            Assert.Equal(outcomes[0].Outcome, answer.Outcome);
        }

        Assert.Equal((10_000, 7_500, 1), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_retransmitted_decline_gets_the_same_decline()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(500);

        var buy = s.Terminal.Buy(card, 600);
        var first = await s.ExchangeAsync(buy);
        IsoAssert.Declined(buy, first, 51, s.Terminal.Key);
        var second = await s.ExchangeAsync(buy);
        IsoAssert.Declined(buy, second, 51, s.Terminal.Key);
        Assert.Equal(first.Outcome, second.Outcome);
        Assert.Equal((500, 500, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task The_same_key_with_another_amount_is_answered_94_and_the_first_message_still_gets_its_answer()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var buy = s.Terminal.Buy(card, 1_000);
        var first = await s.ExchangeAsync(buy);
        IsoAssert.Approved(buy, first, s.Terminal.Key);

        var altered = s.Terminal.Request(MessageType.FinancialRequest, b => CopyPurchase(b, card, 1_001, buy), stan: buy.Stan);
        IsoAssert.Declined(altered, await s.ExchangeAsync(altered), 94, s.Terminal.Key);
        IsoAssert.Declined(altered, await s.ExchangeAsync(altered), 94, s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));

        var again = await s.ExchangeAsync(buy);
        Assert.Equal(first.Outcome, again.Outcome);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task The_same_key_in_another_message_type_is_answered_94()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var buy = s.Terminal.Buy(card, 1_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var hold = s.Terminal.Request(MessageType.AuthorizationRequest, b => CopyPurchase(b, card, 1_000, buy), stan: buy.Stan);
        IsoAssert.Declined(hold, await s.ExchangeAsync(hold), 94, s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task Retransmitted_top_ups_refunds_and_reversals_move_money_once()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var load = s.Terminal.Load(card, 3_000);
        var loaded = await s.ExchangeAsync(load);
        Assert.Equal(loaded.Outcome, (await s.ExchangeAsync(load)).Outcome);
        Assert.Equal((13_000, 13_000, 0), await s.BalancesAsync(card));

        var buy = s.Terminal.Buy(card, 4_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var refund = s.Terminal.GiveBack(card, 1_000, buy);
        var refunded = await s.ExchangeAsync(refund);
        IsoAssert.Approved(refund, refunded, s.Terminal.Key);
        Assert.Equal(refunded.Outcome, (await s.ExchangeAsync(refund)).Outcome);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        var reversal = s.Terminal.Reverse(card, 4_000, buy);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((13_000, 13_000, 0), await s.BalancesAsync(card));
    }

    /// <summary>The fields of a purchase of <paramref name="amount"/> that otherwise repeats <paramref name="original"/>.</summary>
    internal static void CopyPurchase(Iso8583MessageBuilder b, string card, long amount, PosRequest original)
    {
        using var sent = original.Parse();
        b.SetDigits(FieldNumber.PrimaryAccountNumber, card)
            .SetNumeric(FieldNumber.ProcessingCode, PosTerminal.Purchase)
            .SetNumeric(FieldNumber.Amount, amount);
        foreach (var field in new[] { FieldNumber.LocalTime, FieldNumber.LocalDate, FieldNumber.PosEntryMode, FieldNumber.Currency })
        {
            b.SetNumeric(field, sent.GetNumeric(field));
        }

        b.SetText(FieldNumber.RetrievalReferenceNumber, original.Rrn);
    }
}
