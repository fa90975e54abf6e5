using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// What the card remembers of its past, bounded twice: by time (the idempotency and refund windows)
/// and by count (<see cref="Memory"/>), the oldest forgotten first. Lookups scan a ring's
/// fingerprints and read only the entries whose fingerprint matches; none of this allocates once a
/// ring is at its capacity.
/// </summary>
public sealed partial class CardState
{
    /// <summary>At least the size of a card's fields (checked by a test), for <see cref="PrefetchMemory"/>.</summary>
    internal const int FieldBytes = 352;

    /// <summary>
    /// Starts loading the memory a spend or a load reads and writes (the card's own fields, the
    /// remembered transactions and sales), so that its cache misses overlap; call it before
    /// deciding. Changes nothing.
    /// </summary>
    public void PrefetchMemory()
    {
        CacheHint.Object(this, FieldBytes);
        _recent.Prefetch(Memory.RecentMemory);
        _sales.Prefetch(Memory.SaleMemory);
    }

    public int FindSale(TransactionId id) =>
        _sales.IndexOf(Fingerprint.Of(id), FingerprintHalf.Either, id, static (in SaleRecord sale, TransactionId id) => sale.Matches(id));

    /// <summary>The sale <paramref name="id"/> if it is still inside the refund window at <paramref name="now"/>, or -1.</summary>
    public int FindSaleInWindow(TransactionId id, DateTimeOffset now)
    {
        var index = FindSale(id);
        return index >= 0 && _sales[index].AtTicks + RefundWindow.Ticks > now.UtcTicks ? index : -1;
    }

    /// <summary>The remembered transaction with <paramref name="key"/> still inside the window at <paramref name="now"/>, or -1.</summary>
    public int FindRecentByKey(IdempotencyKey key, DateTimeOffset now) =>
        _recent.IndexOf(Fingerprint.Of(key), FingerprintHalf.Primary, (Key: key, Horizon: now.UtcTicks - IdempotencyWindow.Ticks),
            static (in RecentTransaction entry, (IdempotencyKey Key, long Horizon) sought) => entry.Key == sought.Key && entry.AtTicks > sought.Horizon);

    public int FindRecentById(TransactionId id) =>
        _recent.IndexOf(Fingerprint.Of(id), FingerprintHalf.Secondary, id, static (in RecentTransaction entry, TransactionId id) => entry.Id == id);

    /// <summary>The returns kept for sale <paramref name="id"/> (its sale or completion id) outside memory, or -1.</summary>
    public int FindOlderSaleReturns(TransactionId id) =>
        _olderSaleReturns.IndexOf(Fingerprint.Of(id), FingerprintHalf.Either, id, static (in OlderSaleReturns returns, TransactionId id) => returns.Matches(id));

    /// <summary>True when a reversal arrived, within the idempotency window, for a transaction with this id or key.</summary>
    public bool IsAwaitedOriginal(TransactionId id, IdempotencyKey key, DateTimeOffset now)
    {
        var sought = (Id: id, Key: key, Horizon: now.UtcTicks - IdempotencyWindow.Ticks);
        return _awaited.IndexOf(Fingerprint.Of(id), FingerprintHalf.Primary, sought, AwaitsOriginal) >= 0
            || _awaited.IndexOf(Fingerprint.Of(key), FingerprintHalf.Secondary, sought, AwaitsOriginal) >= 0;
    }

    private static bool AwaitsOriginal(in AwaitedOriginal awaited, (TransactionId Id, IdempotencyKey Key, long Horizon) sought) =>
        awaited.AtTicks > sought.Horizon
        && ((!awaited.OriginalId.IsNone && awaited.OriginalId == sought.Id) || (!awaited.OriginalKey.IsNone && awaited.OriginalKey == sought.Key));

    /// <summary>True when <paramref name="id"/> already names a hold, a sale, a credit or a remembered transaction of this card.</summary>
    public bool UsesTransactionId(TransactionId id) =>
        FindHold(id) >= 0 || FindSale(id) >= 0 || FindRecentById(id) >= 0 || FindLot(id) >= 0 || FindOlderSaleReturns(id) >= 0 || FindCredit(id) >= 0;

    private void Remember(CardTransactionEvent e, OperationKind kind, long amount) =>
        Remember(new RecentTransaction(e.Key, e.TransactionId, e.At.UtcTicks, amount, MainBalance, BonusBalance, AvailableAt(e.At), kind, ResponseCode.Approved, DeclineReason.None));

    private void Remember(in RecentTransaction entry) => _recent.Add(entry, Memory.RecentMemory, out _);

    private void AwaitOriginal(in AwaitedOriginal awaited) => _awaited.Add(awaited, Memory.RecentMemory, out _);

    /// <summary>Remembers a sale; the oldest one it pushes out keeps, if anything went back from it, what did.</summary>
    private void AddSale(in SaleRecord sale)
    {
        if (_sales.Add(sale, Memory.SaleMemory, out var forgotten) && forgotten.RefundedMain + forgotten.RefundedBonus > 0)
        {
            KeepOlderSaleReturns(new OlderSaleReturns(forgotten.Id, forgotten.CaptureId, forgotten.RefundedMain, forgotten.RefundedBonus, forgotten.AtTicks));
        }
    }

    /// <summary>
    /// Adds to the memory of returns from older sales. When it is full, the oldest entry goes and the
    /// card stops refunding, from the journal, any sale up to that entry's sale instant that it does not
    /// remember: what went back from such a sale can no longer be known for certain.
    /// </summary>
    private void KeepOlderSaleReturns(in OlderSaleReturns returns)
    {
        if (_olderSaleReturns.Add(returns, Memory.SaleMemory, out var forgotten))
        {
            _olderReturnsForgottenUntilTicks = Math.Max(_olderReturnsForgottenUntilTicks, forgotten.SaleAtTicks);
        }
    }

    private void RefundOlderSale(Refunded e, in OlderSaleRefund older)
    {
        if (FindSale(e.SaleId) >= 0 || (!older.CaptureId.IsNone && FindSale(older.CaptureId) >= 0))
        {
            throw Violation("a sale in memory was refunded from the journal");
        }
        var returnedMain = checked(older.ReturnedMainBefore + e.Main);
        var returnedBonus = checked(older.ReturnedBonusBefore + e.ReturnedBonus + e.ForfeitedBonus);
        var entry = new OlderSaleReturns(e.SaleId, older.CaptureId, returnedMain, returnedBonus, older.SaleAt.UtcTicks);
        var index = FindOlderSaleReturns(e.SaleId);
        if (index < 0)
        {
            KeepOlderSaleReturns(entry);
        }
        else
        {
            ref readonly var kept = ref _olderSaleReturns[index];
            if (kept.ReturnedMain > older.ReturnedMainBefore || kept.ReturnedBonus > older.ReturnedBonusBefore)
            {
                throw Violation("a refund from the journal ignored returns the card knew of");
            }
            _olderSaleReturns.Replace(index, entry);
        }
        MainBalance = checked(MainBalance + e.Main);
        ReturnToLot(older.BonusLot, e.ReturnedBonus);
    }

    /// <summary>
    /// Forgets what aged out. Rings are kept in event order, so expired entries are found at the
    /// oldest end; returns from older sales are few and are scanned whole.
    /// </summary>
    private void Prune(long atTicks)
    {
        var recentHorizon = atTicks - IdempotencyWindow.Ticks;
        while (_recent.Count > 0 && _recent.Oldest.AtTicks <= recentHorizon)
        {
            _recent.RemoveOldest();
        }
        while (_awaited.Count > 0 && _awaited.Oldest.AtTicks <= recentHorizon)
        {
            _awaited.RemoveOldest();
        }
        PruneCredits(recentHorizon);
        var saleHorizon = atTicks - RefundWindow.Ticks;
        while (_sales.Count > 0 && _sales.Oldest.AtTicks <= saleHorizon)
        {
            _sales.RemoveOldest();
        }
        for (var i = _olderSaleReturns.Count - 1; i >= 0; i--)
        {
            if (_olderSaleReturns[i].SaleAtTicks <= saleHorizon)
            {
                _olderSaleReturns.RemoveAt(i);
            }
        }
    }

    private void CheckMemoryBounds()
    {
        if (_recent.Count > Memory.RecentMemory || _awaited.Count > Memory.RecentMemory || _credits.Count > Memory.RecentMemory
            || _sales.Count > Memory.SaleMemory || _olderSaleReturns.Count > Memory.SaleMemory)
        {
            throw Violation("the card remembers more than its memory limits");
        }
    }
}
