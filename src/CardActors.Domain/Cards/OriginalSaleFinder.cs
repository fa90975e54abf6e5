using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// Finds a completed sale in a card's events, in journal order, to build the
/// <see cref="OriginalSale"/> a refund of a sale outside the card's memory needs. A sale is a
/// <see cref="Purchased"/>, or an <see cref="Authorized"/> followed by the <see cref="HoldCaptured"/>
/// of its hold; refunds and reversals of it that follow are added up, less refunds that a reversal
/// took back (<see cref="CreditReversed"/>). The sale may be named by the
/// purchase, the authorization or the completion. A completion names its hold but not the hold's
/// bonus lot, which came earlier: then <see cref="CompletedHold"/> is set and the events must be
/// read once more with a finder for that hold.
/// </summary>
public sealed class OriginalSaleFinder
{
    private readonly TransactionId _named;
    private Authorized? _hold;
    private OriginalSale? _sale;

    public OriginalSaleFinder(TransactionId named)
    {
        if (named.IsNone)
        {
            throw new ArgumentException("the sale must be named", nameof(named));
        }
        _named = named;
    }

    /// <summary>The sale as the events seen so far record it, or null.</summary>
    public OriginalSale? Sale => _sale;

    /// <summary>Set when the name was a completion's: the hold to look for in a second reading.</summary>
    public TransactionId CompletedHold { get; private set; }

    /// <summary>Event tags that can matter; others can be skipped undecoded.</summary>
    public static bool CanMatter(CardEventTag tag) =>
        tag is CardEventTag.Purchased or CardEventTag.Authorized or CardEventTag.HoldCaptured or CardEventTag.Refunded or CardEventTag.SaleReversed
            or CardEventTag.CreditReversed;

    public void Observe(CardEvent cardEvent)
    {
        ArgumentNullException.ThrowIfNull(cardEvent);
        switch (cardEvent)
        {
            case Purchased e when e.TransactionId == _named && _sale is null:
                _sale = new OriginalSale(e.TransactionId, e.TransactionId, e.Main, e.Bonus, e.BonusLot, e.Merchant, e.At, 0, 0);
                break;
            case Authorized e when e.TransactionId == _named && _sale is null:
                _hold = e;
                break;
            case HoldCaptured e when _hold is { } hold && e.HoldId == hold.TransactionId && _sale is null:
                _sale = new OriginalSale(hold.TransactionId, e.TransactionId, e.Main, e.Bonus, hold.BonusLot, hold.Merchant, e.At, 0, 0);
                break;
            case HoldCaptured e when e.TransactionId == _named && _sale is null:
                CompletedHold = e.HoldId;
                break;
            case Refunded e when _sale is { } sale && e.SaleId == sale.Id:
                _sale = sale with
                {
                    ReturnedMain = sale.ReturnedMain + e.Main,
                    ReturnedBonus = sale.ReturnedBonus + e.ReturnedBonus + e.ForfeitedBonus,
                };
                break;
            case CreditReversed e when _sale is { } sale && e.SaleId == sale.Id:
                // A refund taken back by a reversal no longer counts as gone back.
                _sale = sale with
                {
                    ReturnedMain = Math.Max(0, sale.ReturnedMain - e.Main),
                    ReturnedBonus = Math.Max(0, sale.ReturnedBonus - e.Bonus),
                };
                break;
            case SaleReversed e when _sale is { } sale && e.SaleId == sale.Id:
                _sale = sale with
                {
                    ReturnedMain = sale.ReturnedMain + e.Main,
                    ReturnedBonus = sale.ReturnedBonus + e.ReturnedBonus + e.ForfeitedBonus,
                };
                break;
        }
    }
}
