using System.Net;
using System.Net.Http.Json;
using CardActors.Iso8583;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>Rules where docs/iso8583.md records the choice the issuer made (§5, §7, §9, §12).</summary>
public sealed class SpecAlignmentTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task A_currency_other_than_the_cards_is_answered_13_and_moves_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        Action<Iso8583MessageBuilder> dollars = b => b.SetNumeric(FieldNumber.Currency, 840);

        var hold = s.Terminal.Authorize(card, 1_000, tweak: dollars);
        IsoAssert.Declined(hold, await s.ExchangeAsync(hold), 13, s.Terminal.Key);
        var buy = s.Terminal.Buy(card, 1_000, tweak: dollars);
        IsoAssert.Declined(buy, await s.ExchangeAsync(buy), 13, s.Terminal.Key);
        var load = s.Terminal.Load(card, 1_000, tweak: dollars);
        IsoAssert.Declined(load, await s.ExchangeAsync(load), 13, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        var sale = s.Terminal.Buy(card, 1_000);
        IsoAssert.Approved(sale, await s.ExchangeAsync(sale), s.Terminal.Key);
        var reversal = s.Terminal.Reverse(card, 1_000, sale, tweak: dollars);
        IsoAssert.Declined(reversal, await s.ExchangeAsync(reversal), 13, s.Terminal.Key);
        var advice = s.Terminal.Reverse(card, 1_000, sale, advice: true, tweak: dollars);
        IsoAssert.Answered(advice, await s.ExchangeAsync(advice), 0, s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_reversal_returns_the_whole_remaining_amount_whatever_its_field_4_says()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 3_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var refund = s.Terminal.GiveBack(card, 1_000, buy);
        IsoAssert.Approved(refund, await s.ExchangeAsync(refund), s.Terminal.Key);
        Assert.Equal((8_000, 8_000, 0), await s.BalancesAsync(card));

        var reversal = s.Terminal.Reverse(card, 1, buy);
        IsoAssert.Answered(reversal, await s.ExchangeAsync(reversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        var hold = s.Terminal.Authorize(card, 4_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);
        var holdReversal = s.Terminal.Reverse(card, 99_999, hold);
        IsoAssert.Answered(holdReversal, await s.ExchangeAsync(holdReversal), 0, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task Follow_ups_without_field_2_of_an_original_paid_by_pan_are_not_applied()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 2_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);
        var buy = s.Terminal.Buy(card, 3_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        Assert.Equal((7_000, 5_000, 1), await s.BalancesAsync(card));

        var reversal = s.Terminal.Reverse(null, 3_000, buy);
        IsoAssert.Declined(reversal, await s.ExchangeAsync(reversal), 12, s.Terminal.Key);
        var refund = s.Terminal.GiveBack(null, 1_000, buy);
        IsoAssert.Declined(refund, await s.ExchangeAsync(refund), 12, s.Terminal.Key);
        var completion = s.Terminal.Complete(null, 2_000, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        var advice = s.Terminal.Reverse(null, 2_000, hold, advice: true);
        IsoAssert.Answered(advice, await s.ExchangeAsync(advice), 0, s.Terminal.Key);
        Assert.Equal((7_000, 5_000, 1), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_follow_up_naming_the_wrong_card_finds_no_original_and_is_answered_12()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var other = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 3_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);

        var refund = s.Terminal.GiveBack(other, 1_000, buy);
        IsoAssert.Declined(refund, await s.ExchangeAsync(refund), 12, s.Terminal.Key);
        Assert.Equal((7_000, 7_000, 0), await s.BalancesAsync(card));
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(other));
    }

    [Fact]
    public async Task A_refund_from_another_merchant_than_the_sales_is_answered_12()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        await using var t = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 3_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);

        var refund = t.Terminal.GiveBack(card, 1_000, buy);
        IsoAssert.Declined(refund, await t.ExchangeAsync(refund), 12, t.Terminal.Key);
        Assert.Equal((7_000, 7_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task The_idempotency_window_is_a_product_term_of_up_to_seven_days()
    {
        var week = await fixture.Node.Http.PostAsJsonAsync("/api/products", new ProductDocument { Id = 8_801, Name = "week window", IdempotencyWindowHours = 168 }, IsoEstate.Json);
        Assert.Equal(HttpStatusCode.Created, week.StatusCode);
        var tooLong = await fixture.Node.Http.PostAsJsonAsync("/api/products", new ProductDocument { Id = 8_802, Name = "too long", IdempotencyWindowHours = 169 }, IsoEstate.Json);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var standard = await fixture.Node.Http.GetFromJsonAsync<ProductDocument>("/api/products/8801", IsoEstate.Json);
        Assert.Equal(168, standard!.IdempotencyWindowHours);
    }

    [Fact]
    public async Task A_duplicate_key_is_recognized_by_the_card_so_the_same_key_on_another_card_is_a_new_transaction()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var other = await s.Estate.IssueCardAsync(10_000);

        var buy = s.Terminal.Buy(card, 1_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var sameKey = s.Terminal.Request(MessageType.FinancialRequest, b => RetransmissionTests.CopyPurchase(b, other, 1_000, buy), stan: buy.Stan);
        IsoAssert.Approved(sameKey, await s.ExchangeAsync(sameKey), s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(other));
    }

    [Fact]
    public async Task Batch_totals_that_do_not_match_are_still_answered_00()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var buy = s.Terminal.Buy(card, 1_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);

        var totals = s.Terminal.Totals(1122, 1, (0, 0), (0, 0), (5, 999_999), (0, 0));
        IsoAssert.Answered(totals, await s.ExchangeAsync(totals), 0, s.Terminal.Key);
        IsoAssert.Answered(totals, await s.ExchangeAsync(totals), 0, s.Terminal.Key);
    }

    [Fact]
    public async Task An_advice_with_a_known_key_and_other_content_is_acknowledged_and_changes_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 3_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);
        var completion = s.Terminal.Complete(card, 1_000, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));

        var conflicting = s.Terminal.Request(MessageType.CompletionAdvice, b => b
            .SetDigits(FieldNumber.PrimaryAccountNumber, card)
            .SetNumeric(FieldNumber.ProcessingCode, 0)
            .SetNumeric(FieldNumber.Amount, 2_000)
            .SetText(FieldNumber.RetrievalReferenceNumber, hold.Rrn)
            .SetNumeric(FieldNumber.Currency, PosTerminal.Cny)
            .SetOriginalData(hold.AsOriginal), stan: completion.Stan);
        IsoAssert.Answered(conflicting, await s.ExchangeAsync(conflicting), 0, s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_request_refused_before_the_card_decided_is_not_remembered()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        await s.ExchangeAsync(s.Terminal.SignOff());

        var buy = s.Terminal.Buy(card, 1_000);
        IsoAssert.Declined(buy, await s.ExchangeAsync(buy), 12, s.Terminal.Key);
        await s.ExchangeAsync(s.Terminal.SignOn());
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }
}
