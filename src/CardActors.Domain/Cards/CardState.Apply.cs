using CardActors.Domain.Identifiers;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

public sealed partial class CardState
{
    /// <summary>
    /// Applies one journaled event in place. Deterministic (time comes from the event), it prunes
    /// memory that has aged out, then changes the state and checks the invariants, throwing
    /// <see cref="InvalidOperationException"/> on any violation: a journal that breaks them is corrupt.
    /// </summary>
    public void Apply(CardEvent cardEvent)
    {
        ArgumentNullException.ThrowIfNull(cardEvent);
        if (!Exists && cardEvent is not (CardIssued or TransferReceived))
        {
            throw Violation("event for a card that was never issued: " + cardEvent.GetType().Name);
        }
        var at = cardEvent.At.UtcTicks;
        Prune(at);
        switch (cardEvent)
        {
            case CardIssued e:
                if (Exists)
                {
                    throw Violation("card issued twice");
                }
                CardNumber = e.Card;
                Product = e.Product;
                Holder = e.Holder;
                Status = CardStatus.Issued;
                IdempotencyWindow = e.IdempotencyWindow;
                RefundWindow = e.RefundWindow;
                Memory = ValidMemory(e.Memory);
                _issuedAtTicks = at;
                _lastUsedAtTicks = at;
                MainBalance = checked(MainBalance + e.InitialLoad);
                Remember(e, OperationKind.Issue, e.InitialLoad);
                break;
            case CardActivated e:
                Status = CardStatus.Active;
                _activatedAtTicks = at;
                _expiresAtTicks = e.ExpiresAt?.UtcTicks ?? 0;
                _lastUsedAtTicks = at;
                break;
            case ToppedUp e:
                MainBalance = checked(MainBalance + e.Amount);
                _lastUsedAtTicks = at;
                Remember(e, OperationKind.TopUp, e.Amount);
                RememberCredit(new CreditRecord(e.TransactionId, default, e.Amount, 0, default, at, default, false));
                break;
            case BonusGranted e:
                if (FindLot(e.TransactionId) >= 0)
                {
                    throw Violation("bonus lot granted twice");
                }
                _lots.Add(new BonusLot(e.TransactionId, e.Amount, e.ExpiresAt, e.Scope));
                BonusInLots = checked(BonusInLots + e.Amount);
                Remember(e, OperationKind.GrantBonus, e.Amount);
                break;
            case Authorized e:
                MainHeld = checked(MainHeld + e.Main);
                TakeFromLot(e.BonusLot, e.Bonus);
                BonusHeld = checked(BonusHeld + e.Bonus);
                _holds.Add(new Hold(e.TransactionId, e.Main, e.Bonus, e.BonusLot, e.HoldExpiresAt.UtcTicks, e.Merchant));
                CountDailyUsage(e.BusinessDate, e.Main + e.Bonus);
                _lastUsedAtTicks = at;
                Remember(e, OperationKind.Authorize, e.Main + e.Bonus);
                break;
            case HoldCaptured e:
            {
                var hold = RemoveHold(e.HoldId);
                if (e.Main + e.ReleasedMain != hold.Main || e.Bonus + e.ReleasedBonus + e.ForfeitedBonus != hold.Bonus)
                {
                    throw Violation("capture does not account for the whole hold");
                }
                MainBalance -= e.Main;
                ReturnToLot(hold.BonusLot, e.ReleasedBonus);
                AddSale(new SaleRecord(hold.Id, e.TransactionId, e.Main, e.Bonus, 0, 0, hold.BonusLot, at, hold.Merchant));
                _lastUsedAtTicks = at;
                Remember(e, OperationKind.Capture, e.Main + e.Bonus);
                break;
            }
            case Purchased e:
                MainBalance -= e.Main;
                TakeFromLot(e.BonusLot, e.Bonus);
                AddSale(new SaleRecord(e.TransactionId, e.TransactionId, e.Main, e.Bonus, 0, 0, e.BonusLot, at, e.Merchant));
                CountDailyUsage(e.BusinessDate, e.Main + e.Bonus);
                _lastUsedAtTicks = at;
                Remember(e, OperationKind.Purchase, e.Main + e.Bonus);
                break;
            case HoldReleased e:
                ReleaseHold(e.HoldId, e.Main, e.ReturnedBonus, e.ForfeitedBonus);
                Remember(e, OperationKind.Reverse, e.Main + e.ReturnedBonus + e.ForfeitedBonus);
                break;
            case HoldExpired e:
                ReleaseHold(e.HoldId, e.Main, e.ReturnedBonus, e.ForfeitedBonus);
                break;
            case SaleReversed e:
                ReturnSale(e.SaleId, e.Main, e.ReturnedBonus, e.ForfeitedBonus);
                Remember(e, OperationKind.Reverse, e.Main + e.ReturnedBonus + e.ForfeitedBonus);
                break;
            case Refunded e:
            {
                TransactionId lot;
                if (e.OlderSale is { } older)
                {
                    RefundOlderSale(e, older);
                    lot = older.BonusLot;
                }
                else
                {
                    lot = ReturnSale(e.SaleId, e.Main, e.ReturnedBonus, e.ForfeitedBonus);
                }
                Remember(e, OperationKind.Refund, e.Main + e.ReturnedBonus + e.ForfeitedBonus);
                RememberCredit(new CreditRecord(e.TransactionId, e.SaleId, e.Main, e.ReturnedBonus, lot, at, e.Merchant, false));
                break;
            }
            case CreditReversed e:
                ReverseCredit(e);
                Remember(e, OperationKind.Reverse, e.Main + e.Bonus);
                break;
            case ReversalRecorded e:
                if (e.AwaitingOriginal)
                {
                    AwaitOriginal(new AwaitedOriginal(e.OriginalId, e.OriginalKey, at));
                }
                Remember(e, OperationKind.Reverse, 0);
                break;
            case BonusExpired e:
            {
                var index = FindLot(e.LotId);
                if (index < 0 || _lots[index].Amount != e.Amount)
                {
                    throw Violation("expired bonus does not match its lot");
                }
                BonusInLots -= e.Amount;
                _lots.RemoveAt(index);
                break;
            }
            case Declined e:
                Remember(new RecentTransaction(e.Key, e.TransactionId, at, 0, MainBalance, BonusBalance, AvailableAt(e.At), e.Kind, e.Code, e.Reason));
                break;
            case CardFrozen:
                Status = CardStatus.Frozen;
                break;
            case CardUnfrozen:
                Status = CardStatus.Active;
                break;
            case CardReportedLost:
                Status = CardStatus.Lost;
                break;
            case BalanceTransferredOut e:
            {
                if (e.Main != MainBalance || _holds.Count != 0 || PendingTransfer is not null)
                {
                    throw Violation("transfer out must move the whole balance of a card without holds");
                }
                long lotsTotal = 0;
                foreach (var lot in e.Lots)
                {
                    lotsTotal += lot.Amount;
                }
                if (lotsTotal != BonusInLots)
                {
                    throw Violation("transfer out must move every bonus lot");
                }
                var moved = checked(e.Main + lotsTotal);
                MainBalance = 0;
                ClearLots();
                Status = CardStatus.Closed;
                PendingTransfer = new PendingTransfer(e.TransactionId, e.NewCard, e.Main, e.Lots, e.At);
                Remember(e, OperationKind.Replace, moved);
                break;
            }
            case TransferReceived e:
                if (!Exists)
                {
                    CardNumber = e.Card;
                    Product = e.Product;
                    Holder = e.Holder;
                    Status = CardStatus.Active;
                    IdempotencyWindow = e.IdempotencyWindow;
                    RefundWindow = e.RefundWindow;
                    Memory = ValidMemory(e.Memory);
                    _issuedAtTicks = at;
                    _activatedAtTicks = at;
                    _expiresAtTicks = e.ExpiresAt?.UtcTicks ?? 0;
                    _lastUsedAtTicks = at;
                }
                if (HasReceivedTransfer(e.TransferId))
                {
                    throw Violation("transfer received twice");
                }
                _receivedTransfers.Add(e.TransferId);
                MainBalance = checked(MainBalance + e.Main);
                foreach (var lot in e.Lots)
                {
                    var index = FindLot(lot.Id);
                    if (index >= 0)
                    {
                        ref var existing = ref _lots[index];
                        existing = existing with { Amount = checked(existing.Amount + lot.Amount) };
                    }
                    else
                    {
                        _lots.Add(lot);
                    }
                    BonusInLots = checked(BonusInLots + lot.Amount);
                }
                break;
            case TransferOutConfirmed e:
                if (PendingTransfer is null || PendingTransfer.TransferId != e.TransferId)
                {
                    throw Violation("confirmation of a transfer that is not pending");
                }
                PendingTransfer = null;
                break;
            case CardExtended e:
                _expiresAtTicks = e.ExpiresAt.UtcTicks;
                MainBalance -= e.Fee;
                Remember(e, OperationKind.Extend, e.Fee);
                break;
            case CardClosed e:
                if (e.RedeemedMain != MainBalance || e.ForfeitedBonus != BonusInLots || _holds.Count != 0)
                {
                    throw Violation("close must redeem the whole main purse and forfeit every lot of a card without holds");
                }
                MainBalance = 0;
                ClearLots();
                Status = CardStatus.Closed;
                Remember(e, OperationKind.Close, e.RedeemedMain);
                break;
            default:
                throw Violation("unknown event " + cardEvent.GetType().Name);
        }
        CheckInvariants();
    }

    private static CardMemoryLimits ValidMemory(CardMemoryLimits memory) =>
        memory.IsValid ? memory : throw Violation("memory limits out of range: " + memory);
}
