using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

/// <summary>
/// One card's state, owned by its entity and changed only by <see cref="Apply"/>. Customer money is
/// the main purse; promotional money is the bonus purse, held as lots. A hold's main part stays in
/// the main balance and is counted in <see cref="MainHeld"/>; its bonus part is taken out of its
/// lot and counted in <see cref="BonusHeld"/>, so lots only ever hold spendable bonus money.
/// Collections are allocated on first use and given back when they empty.
/// </summary>
public sealed partial class CardState
{
    private ValueList<BonusLot> _lots;
    private ValueList<Hold> _holds;
    private ValueList<SaleRecord> _sales;
    private ValueList<RecentTransaction> _recent;
    private ValueList<AwaitedOriginal> _awaited;
    private ValueList<TransactionId> _receivedTransfers;
    private long _issuedAtTicks;
    private long _activatedAtTicks;
    private long _expiresAtTicks;
    private long _lastUsedAtTicks;

    public CardNumber CardNumber { get; private set; }

    public ProductId Product { get; private set; }

    public HolderId Holder { get; private set; }

    /// <summary>The stored status; <see cref="StatusAt"/> adds expiry.</summary>
    public CardStatus Status { get; private set; }

    public bool Exists => Status != CardStatus.None;

    public TimeSpan IdempotencyWindow { get; private set; }

    public TimeSpan RefundWindow { get; private set; }

    public DateTimeOffset IssuedAt => new(_issuedAtTicks, TimeSpan.Zero);

    public DateTimeOffset? ActivatedAt => _activatedAtTicks == 0 ? null : new(_activatedAtTicks, TimeSpan.Zero);

    /// <summary>Null when the card does not expire or is not yet active.</summary>
    public DateTimeOffset? ExpiresAt => _expiresAtTicks == 0 ? null : new(_expiresAtTicks, TimeSpan.Zero);

    /// <summary>The last money movement the cardholder caused (issue, load, spend): the clock for dormancy.</summary>
    public DateTimeOffset LastUsedAt => new(_lastUsedAtTicks, TimeSpan.Zero);

    /// <summary>Customer money, including the part reserved by holds.</summary>
    public long MainBalance { get; private set; }

    public long MainHeld { get; private set; }

    /// <summary>Bonus money reserved by holds (already taken out of its lots).</summary>
    public long BonusHeld { get; private set; }

    /// <summary>Bonus money in lots, spendable unless its lot has expired.</summary>
    public long BonusInLots { get; private set; }

    public long BonusBalance => BonusInLots + BonusHeld;

    public long MainAvailable => MainBalance - MainHeld;

    public long BonusAvailable => BonusInLots;

    /// <summary>Balance minus holds over both purses, counting lots not yet forfeited.</summary>
    public long Available => MainAvailable + BonusAvailable;

    public DailyUsage DailyUsage { get; private set; }

    public PendingTransfer? PendingTransfer { get; private set; }

    public ReadOnlySpan<BonusLot> BonusLots => _lots.AsSpan();

    public ReadOnlySpan<Hold> Holds => _holds.AsSpan();

    public ReadOnlySpan<SaleRecord> Sales => _sales.AsSpan();

    public ReadOnlySpan<RecentTransaction> RecentTransactions => _recent.AsSpan();

    public ReadOnlySpan<AwaitedOriginal> AwaitedOriginals => _awaited.AsSpan();

    public ReadOnlySpan<TransactionId> ReceivedTransfers => _receivedTransfers.AsSpan();

    public CardStatus StatusAt(DateTimeOffset now) =>
        Status is CardStatus.Active or CardStatus.Frozen && _expiresAtTicks != 0 && now.UtcTicks >= _expiresAtTicks
            ? CardStatus.Expired
            : Status;

    /// <summary>Spendable money at <paramref name="now"/>: lots that have expired but are not yet forfeited do not count.</summary>
    public long AvailableAt(DateTimeOffset now) => MainAvailable + BonusAvailableAt(now);

    public long BonusAvailableAt(DateTimeOffset now)
    {
        long total = 0;
        foreach (ref readonly var lot in _lots.AsSpan())
        {
            if (!lot.IsExpiredAt(now))
            {
                total += lot.Amount;
            }
        }
        return total;
    }

    /// <summary>
    /// The earliest instant at which this card must be woken without a command: a hold or a bonus
    /// lot expiring, or (immediately) a balance transfer still to be delivered. Null when none.
    /// </summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            if (PendingTransfer is { } pending)
            {
                return pending.At;
            }
            var earliest = long.MaxValue;
            foreach (ref readonly var hold in _holds.AsSpan())
            {
                earliest = Math.Min(earliest, hold.ExpiresAtTicks);
            }
            foreach (ref readonly var lot in _lots.AsSpan())
            {
                earliest = Math.Min(earliest, lot.ExpiresAtTicks);
            }
            return earliest == long.MaxValue ? null : new DateTimeOffset(earliest, TimeSpan.Zero);
        }
    }

    /// <summary>True when the product reports dormancy and the card has not been used for that many months.</summary>
    public bool IsDormantAt(DateTimeOffset now, CardProduct product) =>
        Exists && Status != CardStatus.Closed && product.DormancyMonths is { } months && LastUsedAt.AddMonths(months) <= now;

    public int FindHold(TransactionId id)
    {
        var holds = _holds.AsSpan();
        for (var i = 0; i < holds.Length; i++)
        {
            if (holds[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }

    public int FindLot(TransactionId id)
    {
        var lots = _lots.AsSpan();
        for (var i = 0; i < lots.Length; i++)
        {
            if (lots[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }

    public int FindSale(TransactionId id)
    {
        var sales = _sales.AsSpan();
        for (var i = 0; i < sales.Length; i++)
        {
            if (sales[i].Matches(id))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The sale <paramref name="id"/> if it is still inside the refund window at <paramref name="now"/>, or -1.</summary>
    public int FindSaleInWindow(TransactionId id, DateTimeOffset now)
    {
        var index = FindSale(id);
        return index >= 0 && _sales[index].AtTicks + RefundWindow.Ticks > now.UtcTicks ? index : -1;
    }

    /// <summary>The remembered transaction with <paramref name="key"/> still inside the window at <paramref name="now"/>, or -1.</summary>
    public int FindRecentByKey(IdempotencyKey key, DateTimeOffset now)
    {
        var recent = _recent.AsSpan();
        var horizon = now.UtcTicks - IdempotencyWindow.Ticks;
        for (var i = 0; i < recent.Length; i++)
        {
            if (recent[i].Key == key && recent[i].AtTicks > horizon)
            {
                return i;
            }
        }
        return -1;
    }

    public int FindRecentById(TransactionId id)
    {
        var recent = _recent.AsSpan();
        for (var i = 0; i < recent.Length; i++)
        {
            if (recent[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>True when a reversal arrived, within the idempotency window, for a transaction with this id or key.</summary>
    public bool IsAwaitedOriginal(TransactionId id, IdempotencyKey key, DateTimeOffset now)
    {
        var horizon = now.UtcTicks - IdempotencyWindow.Ticks;
        foreach (ref readonly var awaited in _awaited.AsSpan())
        {
            if (awaited.AtTicks > horizon
                && ((!awaited.OriginalId.IsNone && awaited.OriginalId == id) || (!awaited.OriginalKey.IsNone && awaited.OriginalKey == key)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when <paramref name="id"/> already names a hold, a sale or a remembered transaction of this card.</summary>
    public bool UsesTransactionId(TransactionId id) =>
        FindHold(id) >= 0 || FindSale(id) >= 0 || FindRecentById(id) >= 0 || FindLot(id) >= 0;

    public bool HasReceivedTransfer(TransactionId transferId) => _receivedTransfers.AsSpan().Contains(transferId);

    /// <summary>
    /// The lot a spend of <paramref name="bonusNeeded"/> would draw from: unexpired, in scope for the
    /// merchant, earliest expiry first, large enough; or -1 when none is.
    /// </summary>
    public int FindSpendableLot(long bonusNeeded, in MerchantFacts merchant, DateTimeOffset now)
    {
        var lots = _lots.AsSpan();
        var best = -1;
        for (var i = 0; i < lots.Length; i++)
        {
            ref readonly var lot = ref lots[i];
            if (lot.Amount >= bonusNeeded && lot.Amount > 0 && !lot.IsExpiredAt(now)
                && (lot.Scope is null || lot.Scope.Permits(merchant))
                && (best < 0 || lot.ExpiresAtTicks < lots[best].ExpiresAtTicks))
            {
                best = i;
            }
        }
        return best;
    }

    /// <summary>The largest unexpired in-scope lot amount for the merchant (0 when none).</summary>
    public long LargestSpendableLot(in MerchantFacts merchant, DateTimeOffset now)
    {
        long largest = 0;
        foreach (ref readonly var lot in _lots.AsSpan())
        {
            if (!lot.IsExpiredAt(now) && (lot.Scope is null || lot.Scope.Permits(merchant)))
            {
                largest = Math.Max(largest, lot.Amount);
            }
        }
        return largest;
    }
}
