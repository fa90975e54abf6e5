using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// The credits (top-ups, refunds) a reversal may still take back. Bounded like the remembered
/// transactions — by count (<see cref="Products.CardMemoryLimits.RecentMemory"/>) and by the
/// idempotency window — but only credits compete for it, so a credit the card still remembers as a
/// transaction is always here too.
/// </summary>
public sealed partial class CardState
{
    private BoundedRing<CreditRecord> _credits;

    /// <summary>Credits a reversal may still take back, oldest first.</summary>
    public RingView<CreditRecord> Credits => _credits.View;

    public int FindCredit(TransactionId id) =>
        _credits.IndexOf(Fingerprint.Of(id), FingerprintHalf.Primary, id, static (in CreditRecord credit, TransactionId id) => credit.Id == id);

    /// <summary>The credit <paramref name="id"/> if it is still inside the idempotency window at <paramref name="now"/>, or -1.</summary>
    public int FindCreditInWindow(TransactionId id, DateTimeOffset now)
    {
        var index = FindCredit(id);
        return index >= 0 && _credits[index].AtTicks > now.UtcTicks - IdempotencyWindow.Ticks ? index : -1;
    }

    private void RememberCredit(in CreditRecord credit) => _credits.Add(credit, Memory.RecentMemory, out _);

    /// <summary>
    /// Takes a credit back from the purses it went to and marks it reversed; a reversed refund is
    /// no longer counted as given back from its sale, in memory or among the returns of older sales.
    /// </summary>
    private void ReverseCredit(CreditReversed e)
    {
        var index = FindCredit(e.CreditId);
        if (index < 0)
        {
            throw Violation("a credit the card does not remember was reversed");
        }
        var credit = _credits[index];
        if (credit.Reversed || credit.SaleId != e.SaleId || credit.Main != e.Main || e.Bonus < 0 || e.Bonus > credit.Bonus)
        {
            throw Violation("a credit reversal does not match its credit");
        }
        MainBalance -= e.Main;
        TakeFromLot(credit.BonusLot, e.Bonus);
        _credits.Replace(index, credit with { Reversed = true });
        if (!credit.IsRefund)
        {
            return;
        }
        var saleIndex = FindSale(credit.SaleId);
        if (saleIndex >= 0)
        {
            ref readonly var sale = ref _sales[saleIndex];
            if (sale.RefundedMain < e.Main || sale.RefundedBonus < e.Bonus)
            {
                throw Violation("a reversed refund took back more than went back from its sale");
            }
            _sales.Replace(saleIndex, sale with { RefundedMain = sale.RefundedMain - e.Main, RefundedBonus = sale.RefundedBonus - e.Bonus });
            return;
        }
        var keptIndex = FindOlderSaleReturns(credit.SaleId);
        if (keptIndex >= 0)
        {
            ref readonly var kept = ref _olderSaleReturns[keptIndex];
            _olderSaleReturns.Replace(keptIndex, kept with { ReturnedMain = Math.Max(0, kept.ReturnedMain - e.Main), ReturnedBonus = Math.Max(0, kept.ReturnedBonus - e.Bonus) });
        }
    }

    private void PruneCredits(long recentHorizon)
    {
        while (_credits.Count > 0 && _credits.Oldest.AtTicks <= recentHorizon)
        {
            _credits.RemoveOldest();
        }
    }
}
