using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>The in-place changes <see cref="Apply"/> is made of, and the invariants it checks after each event.</summary>
public sealed partial class CardState
{
    private void CountDailyUsage(DateOnly businessDate, long amount)
    {
        var usage = DailyUsage.On(businessDate);
        DailyUsage = usage with { Amount = checked(usage.Amount + amount), Count = usage.Count + 1 };
    }

    private void TakeFromLot(TransactionId lotId, long amount)
    {
        if (amount == 0)
        {
            return;
        }
        var index = FindLot(lotId);
        if (index < 0)
        {
            throw Violation("bonus drawn from a lot that does not exist");
        }
        ref var lot = ref _lots[index];
        lot = lot with { Amount = lot.Amount - amount };
        BonusInLots -= amount;
    }

    private void ReturnToLot(TransactionId lotId, long amount)
    {
        if (amount == 0)
        {
            return;
        }
        var index = FindLot(lotId);
        if (index < 0)
        {
            throw Violation("bonus returned to a lot that does not exist");
        }
        ref var lot = ref _lots[index];
        lot = lot with { Amount = checked(lot.Amount + amount) };
        BonusInLots = checked(BonusInLots + amount);
    }

    private Hold RemoveHold(TransactionId holdId)
    {
        var index = FindHold(holdId);
        if (index < 0)
        {
            throw Violation("hold not found");
        }
        var hold = _holds[index];
        _holds.RemoveAt(index);
        MainHeld -= hold.Main;
        BonusHeld -= hold.Bonus;
        return hold;
    }

    private void ReleaseHold(TransactionId holdId, long main, long returnedBonus, long forfeitedBonus)
    {
        var hold = RemoveHold(holdId);
        if (main != hold.Main || returnedBonus + forfeitedBonus != hold.Bonus)
        {
            throw Violation("release does not match the hold");
        }
        ReturnToLot(hold.BonusLot, returnedBonus);
    }

    /// <returns>The sale's bonus lot, where its returned bonus went.</returns>
    private TransactionId ReturnSale(TransactionId saleId, long main, long returnedBonus, long forfeitedBonus)
    {
        var index = FindSale(saleId);
        if (index < 0)
        {
            throw Violation("sale not found");
        }
        var sale = _sales[index];
        var bonus = returnedBonus + forfeitedBonus;
        if (sale.RefundedMain + main > sale.Main || sale.RefundedBonus + bonus > sale.Bonus)
        {
            throw Violation("returns exceed the sale");
        }
        sale = sale with { RefundedMain = sale.RefundedMain + main, RefundedBonus = sale.RefundedBonus + bonus };
        _sales.Replace(index, sale);
        MainBalance = checked(MainBalance + main);
        ReturnToLot(sale.BonusLot, returnedBonus);
        return sale.BonusLot;
    }

    private void ClearLots()
    {
        _lots.Clear();
        BonusInLots = 0;
    }

    private void CheckInvariants()
    {
        if (MainBalance < 0 || MainHeld < 0 || BonusHeld < 0 || BonusInLots < 0)
        {
            throw Violation("a purse or a hold total went below zero");
        }
        if (MainHeld > MainBalance)
        {
            throw Violation("holds exceed the main balance");
        }
        long heldMain = 0, heldBonus = 0, inLots = 0;
        foreach (ref readonly var hold in _holds.AsSpan())
        {
            if (hold.Main < 0 || hold.Bonus < 0)
            {
                throw Violation("a hold is negative");
            }
            heldMain += hold.Main;
            heldBonus += hold.Bonus;
        }
        foreach (ref readonly var lot in _lots.AsSpan())
        {
            if (lot.Amount < 0)
            {
                throw Violation("a bonus lot is negative");
            }
            inLots += lot.Amount;
        }
        if (heldMain != MainHeld || heldBonus != BonusHeld || inLots != BonusInLots)
        {
            throw Violation("purse totals disagree with holds and lots");
        }
        if (Status == CardStatus.Closed && (MainBalance != 0 || BonusBalance != 0))
        {
            throw Violation("a closed card holds money");
        }
        CheckMemoryBounds();
    }

    private static InvalidOperationException Violation(string what) => new("card invariant violated: " + what);
}
