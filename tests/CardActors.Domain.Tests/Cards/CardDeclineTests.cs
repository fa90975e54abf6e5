using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;

namespace CardActors.Domain.Tests.Cards;

/// <summary>Each decline code, and the order in which the checks run.</summary>
public sealed class CardDeclineTests
{
    private static CardProduct Limited(Func<CardProduct, CardProduct>? change = null)
    {
        var product = new CardProduct
        {
            Id = new ProductId(7),
            Name = "Campus card",
            Identity = CardholderIdentity.RealName,
            PerTransactionLimit = Money.Yuan(100),
            DailyAmountLimit = Money.Yuan(150),
            DailyCountLimit = 3,
            Scope = CardHarness.ScopeOf(new ProjectId(1)),
        };
        return change is null ? product : change(product);
    }

    [Fact]
    public void Invalid_amounts_get_13_and_are_remembered()
    {
        var card = new CardHarness().Ready(10_000);
        var (_, zero) = card.Purchase(0);
        Assert.Equal(ResponseCode.InvalidAmount, zero.Code);
        Assert.Equal("amount: must be positive", zero.Detail);
        Assert.IsType<Declined>(CardEventCodecFor(card.Journal[^1]));
        Assert.Equal(ResponseCode.InvalidAmount, card.Purchase(-5).Reply.Code);
        var tx = card.NextTx();
        var usd = card.Reply(new Purchase(tx, CardHarness.KeyFor(tx), new Money(100, Currency.Create(840, 2)), CardHarness.Canteen));
        Assert.Equal(DeclineReason.AmountCurrency, usd.Reason);
    }

    [Fact]
    public void Missing_ids_get_12_without_an_event()
    {
        var card = new CardHarness().Ready(10_000);
        var journal = card.Journal.Count;
        var noTx = card.Reply(new Purchase(TransactionId.None, new IdempotencyKey(1, 2), Money.Fen(100), CardHarness.Canteen));
        Assert.Equal(ResponseCode.InvalidTransaction, noTx.Code);
        Assert.Equal("transactionId: must be set", noTx.Detail);
        var noKey = card.Reply(new Purchase(new TransactionId(77), IdempotencyKey.None, Money.Fen(100), CardHarness.Canteen));
        Assert.Equal("idempotencyKey: must be set", noKey.Detail);
        Assert.Equal(journal, card.Journal.Count);
    }

    [Fact]
    public void A_card_never_issued_gets_14_and_no_event()
    {
        var card = new CardHarness();
        var (_, reply) = card.Purchase(100);
        Assert.Equal(ResponseCode.InvalidCardNumber, reply.Code);
        Assert.Equal(DeclineReason.CardNotIssued, reply.Reason);
        Assert.Equal(ResponseCode.InvalidCardNumber, card.TopUp(100).Code);
        Assert.Equal(ResponseCode.InvalidCardNumber, card.Reply(new InquireBalance()).Code);
        Assert.Equal(ResponseCode.InvalidCardNumber, card.Reply(new ExpireHolds()).Code);
        Assert.Equal(ResponseCode.InvalidCardNumber, card.Reply(new Freeze()).Code);
        Assert.Empty(card.Journal);
        Assert.False(card.State.Exists);
    }

    [Fact]
    public void Status_codes_41_62_54()
    {
        var notActive = new CardHarness();
        notActive.Issue(10_000);
        Assert.Equal((ResponseCode.RestrictedCard, DeclineReason.CardNotActive), Outcome(notActive.Purchase(100).Reply));

        var frozen = new CardHarness().Ready(10_000);
        frozen.Reply(new Freeze());
        Assert.Equal((ResponseCode.RestrictedCard, DeclineReason.CardFrozen), Outcome(frozen.Authorize(100).Reply));

        var lost = new CardHarness().Ready(10_000);
        lost.Reply(new ReportLost());
        Assert.Equal((ResponseCode.LostCard, DeclineReason.CardLost), Outcome(lost.Purchase(100).Reply));

        var expired = new CardHarness().Ready(10_000);
        expired.Now = expired.State.ExpiresAt!.Value;
        Assert.Equal((ResponseCode.ExpiredCard, DeclineReason.CardExpired), Outcome(expired.Purchase(100).Reply));
        Assert.Equal(ResponseCode.ExpiredCard, expired.TopUp(100).Code);

        var closed = new CardHarness().Ready(10_000);
        var tx = closed.NextTx();
        closed.Reply(new Close(tx, CardHarness.KeyFor(tx)));
        Assert.Equal((ResponseCode.RestrictedCard, DeclineReason.CardClosed), Outcome(closed.Purchase(100).Reply));
    }

    [Fact]
    public void Scope_57_then_limits_61_and_65_then_funds_51()
    {
        var card = new CardHarness(Limited()).Ready(100_000);
        Assert.Equal((ResponseCode.NotPermittedToCardholder, DeclineReason.OutOfScope), Outcome(card.Purchase(100, CardHarness.Shop).Reply));
        Assert.Equal((ResponseCode.ExceedsAmountLimit, DeclineReason.PerTransactionLimit), Outcome(card.Purchase(10_001).Reply));
        Assert.True(card.Purchase(10_000).Reply.IsApproved);
        Assert.Equal((ResponseCode.ExceedsAmountLimit, DeclineReason.DailyAmountLimit), Outcome(card.Purchase(5_001).Reply));
        Assert.True(card.Purchase(1_000).Reply.IsApproved);
        Assert.True(card.Purchase(1_000).Reply.IsApproved);
        Assert.Equal((ResponseCode.ExceedsFrequencyLimit, DeclineReason.DailyCountLimit), Outcome(card.Purchase(100).Reply));

        // The next business day starts afresh.
        card.Now = BusinessCalendar.Default.StartOf(BusinessCalendar.Default.DateOf(card.Now).AddDays(1));
        Assert.True(card.Purchase(10_000).Reply.IsApproved);

        var poor = new CardHarness(Limited()).Ready(500);
        Assert.Equal((ResponseCode.InsufficientFunds, DeclineReason.InsufficientFunds), Outcome(poor.Purchase(501).Reply));
        Assert.Equal(500, poor.State.MainBalance);
    }

    [Fact]
    public void Checks_run_in_the_documented_order()
    {
        // Lost and out of scope and over the limit and without funds: status wins.
        var lost = new CardHarness(Limited()).Ready(100);
        lost.Reply(new ReportLost());
        Assert.Equal(ResponseCode.LostCard, lost.Purchase(50_000, CardHarness.Shop).Reply.Code);

        // Out of scope and over the limit: scope wins. Over the limit and without funds: limit wins.
        var card = new CardHarness(Limited()).Ready(100);
        Assert.Equal(ResponseCode.NotPermittedToCardholder, card.Purchase(50_000, CardHarness.Shop).Reply.Code);
        Assert.Equal(ResponseCode.ExceedsAmountLimit, card.Purchase(50_000).Reply.Code);

        // An invalid amount is found before the card is even looked at.
        var none = new CardHarness();
        Assert.Equal(ResponseCode.InvalidAmount, none.Purchase(0).Reply.Code);
    }

    [Fact]
    public void Reusing_a_transaction_id_gets_94()
    {
        var card = new CardHarness().Ready(10_000);
        var (tx, _) = card.Purchase(100);
        var again = card.Reply(new Purchase(tx, new IdempotencyKey(9, 9), Money.Fen(100), CardHarness.Canteen));
        Assert.Equal(ResponseCode.DuplicateTransmission, again.Code);
        Assert.Equal(9_900, card.State.MainBalance);
    }

    [Fact]
    public void Capture_declines_unknown_holds_and_other_merchants_and_captures_at_most_the_hold()
    {
        var card = new CardHarness().Ready(10_000);
        var (hold, _) = card.Authorize(1_000);
        Assert.Equal(DeclineReason.HoldNotFound, card.Capture(new TransactionId(999_999), 100).Reason);
        Assert.Equal(DeclineReason.MerchantMismatch, card.Capture(hold, 100, CardHarness.Shop).Reason);
        var excess = card.Capture(hold, 1_001);
        Assert.True(excess.IsApproved);
        Assert.Equal((1_000L, 1_000L), (excess.ApprovedAmount, excess.CapturedAmount));
        Assert.Equal((9_000L, 9_000L), (card.State.MainBalance, card.State.Available));
        Assert.Empty(card.State.Holds.ToArray());
        Assert.Equal(DeclineReason.HoldNotFound, card.Capture(hold, 1_000).Reason);
    }

    [Fact]
    public void Close_and_replace_wait_for_outstanding_holds_with_05()
    {
        var card = new CardHarness().Ready(10_000);
        card.Authorize(1_000);
        var tx = card.NextTx();
        Assert.Equal((ResponseCode.DoNotHonor, DeclineReason.HoldsOutstanding), Outcome(card.Reply(new Close(tx, CardHarness.KeyFor(tx)))));
        tx = card.NextTx();
        var newCard = CardNumberGenerator.Sequential("622848", 16).Next();
        Assert.Equal(ResponseCode.DoNotHonor, card.Reply(new Replace(tx, CardHarness.KeyFor(tx), newCard)).Code);
    }

    [Fact]
    public void Issue_checks_product_holder_denomination_and_cap()
    {
        var card = new CardHarness();
        var tx = card.NextTx();
        Assert.Equal(DeclineReason.ProductMismatch, card.Reply(new IssueCard(tx, CardHarness.KeyFor(tx), CardHarness.Number, new ProductId(99), new HolderId(1), Money.Zero)).Reason);
        tx = card.NextTx();
        Assert.Equal(DeclineReason.HolderRequired, card.Reply(new IssueCard(tx, CardHarness.KeyFor(tx), CardHarness.Number, card.Product.Id, HolderId.Anonymous, Money.Zero)).Reason);
        Assert.Equal(DeclineReason.AmountNotDenomination, card.Issue(1_234).Reason);
        Assert.Empty(card.Journal);
        Assert.True(card.Issue(50_000).IsApproved);
        Assert.Equal(DeclineReason.CardAlreadyIssued, card.Issue(5_000).Reason);
    }

    [Fact]
    public void A_late_original_after_its_reversal_is_declined_12()
    {
        var card = new CardHarness().Ready(10_000);
        var late = card.NextTx();
        var reversal = card.Reverse(late);
        Assert.True(reversal.IsApproved);
        Assert.Single(card.State.AwaitedOriginals.ToArray());
        var original = card.Reply(new Purchase(late, CardHarness.KeyFor(late), Money.Fen(500), CardHarness.Canteen));
        Assert.Equal(ResponseCode.InvalidTransaction, original.Code);
        Assert.Equal(DeclineReason.OriginalReversed, original.Reason);
        Assert.Equal(10_000, card.State.MainBalance);
    }

    private static (ResponseCode, DeclineReason) Outcome(CardReply reply) => (reply.Code, reply.Reason);

    private static CardEvent CardEventCodecFor(byte[] bytes) => Domain.Encoding.CardEventCodec.Decode(bytes);
}
