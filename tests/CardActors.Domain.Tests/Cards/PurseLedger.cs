using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// Money accounted for by a card's events alone, per purse: loads + refunds + transfers in −
/// captured spends − credits taken back by reversals − redemptions − transfers out − fees −
/// expired or forfeited bonus; the
/// holds the events opened and have not yet closed; and, per sale, that what went back from it
/// (refunds and reversals, whether the card still remembered the sale or not) never exceeds it.
/// </summary>
internal sealed class PurseLedger
{
    public long Main { get; private set; }

    public long Bonus { get; private set; }

    public Dictionary<TransactionId, (long Main, long Bonus)> OpenHolds { get; } = [];

    private Dictionary<TransactionId, (long Paid, long Returned)> Sales { get; } = [];

    /// <summary>The ledger: what each event says moved into or out of each purse, and the open holds.</summary>
    public void Account(CardEvent cardEvent)
    {
        switch (cardEvent)
        {
            case CardIssued e:
                Main += e.InitialLoad;
                break;
            case ToppedUp e:
                Main += e.Amount;
                break;
            case BonusGranted e:
                Bonus += e.Amount;
                break;
            case Authorized e:
                OpenHolds.Add(e.TransactionId, (e.Main, e.Bonus));
                break;
            case HoldCaptured e:
                ReconcileHold(e.HoldId, e.Main + e.ReleasedMain, e.Bonus + e.ReleasedBonus + e.ForfeitedBonus);
                Main -= e.Main;
                Bonus -= e.Bonus + e.ForfeitedBonus;
                Sell(e.HoldId, e.Main + e.Bonus);
                break;
            case Purchased e:
                Main -= e.Main;
                Bonus -= e.Bonus;
                Sell(e.TransactionId, e.Main + e.Bonus);
                break;
            case HoldReleased e:
                ReconcileHold(e.HoldId, e.Main, e.ReturnedBonus + e.ForfeitedBonus);
                Bonus -= e.ForfeitedBonus;
                break;
            case HoldExpired e:
                ReconcileHold(e.HoldId, e.Main, e.ReturnedBonus + e.ForfeitedBonus);
                Bonus -= e.ForfeitedBonus;
                break;
            case SaleReversed e:
                Main += e.Main;
                Bonus += e.ReturnedBonus;
                Return(e.SaleId, e.Main + e.ReturnedBonus + e.ForfeitedBonus);
                break;
            case Refunded e:
                Main += e.Main;
                Bonus += e.ReturnedBonus;
                Return(e.SaleId, e.Main + e.ReturnedBonus + e.ForfeitedBonus);
                break;
            case CreditReversed e:
                Main -= e.Main;
                Bonus -= e.Bonus;
                if (!e.SaleId.IsNone)
                {
                    Return(e.SaleId, -(e.Main + e.Bonus));
                }
                break;
            case TransferReceived e:
                Main += e.Main;
                foreach (var lot in e.Lots)
                {
                    Bonus += lot.Amount;
                }
                break;
            case BonusExpired e:
                Bonus -= e.Amount;
                break;
            case CardExtended e:
                Main -= e.Fee;
                break;
            case BalanceTransferredOut e:
                Main -= e.Main;
                foreach (var lot in e.Lots)
                {
                    Bonus -= lot.Amount;
                }
                break;
            case CardClosed e:
                Main -= e.RedeemedMain;
                Bonus -= e.ForfeitedBonus;
                break;
            case ReversalRecorded or Declined or CardFrozen or CardUnfrozen or CardActivated:
                break;
            default:
                throw new ScenarioFailure("unexpected event " + cardEvent.GetType().Name);
        }
    }

    /// <summary>
    /// A repeat the card no longer remembers (key and id both forgotten) is a new sale under the same
    /// id: the documented price of bounded memory. Such sales are counted together.
    /// </summary>
    private void Sell(TransactionId saleId, long amount)
    {
        var sale = Sales.GetValueOrDefault(saleId);
        Sales[saleId] = (sale.Paid + amount, sale.Returned);
    }

    private void Return(TransactionId saleId, long amount)
    {
        CardScenarioRunner.Require(Sales.TryGetValue(saleId, out var sale), "money went back from a sale that was never made");
        var returned = sale.Returned + amount;
        CardScenarioRunner.Require(returned <= sale.Paid, $"sale {saleId} paid {sale.Paid} but {returned} went back");
        CardScenarioRunner.Require(returned >= 0, $"sale {saleId}: more refunds were taken back than were made");
        Sales[saleId] = (sale.Paid, returned);
    }

    private void ReconcileHold(TransactionId holdId, long main, long bonus)
    {
        CardScenarioRunner.Require(OpenHolds.Remove(holdId, out var hold), "a hold was closed that was never opened");
        CardScenarioRunner.Require(hold.Main == main && hold.Bonus == bonus, "capture, release or expiry does not account for the whole hold");
    }
}
