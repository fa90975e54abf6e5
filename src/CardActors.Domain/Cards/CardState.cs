using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

/// <summary>
/// One card's state, owned by its entity and changed only by <see cref="Apply"/>. Customer money is
/// the main purse; promotional money is the bonus purse, held as lots. A hold's main part stays in
/// the main balance and is counted in <see cref="MainHeld"/>; its bonus part is taken out of its
/// lot and counted in <see cref="BonusHeld"/>, so lots only ever hold spendable bonus money.
/// Rings take their whole capacity on first use and give it back when they empty; lists keep
/// their storage once allocated (see BoundedRing and ValueList for why); what the card remembers
/// of the past is bounded by count (see <see cref="Memory"/>) as well as by its windows.
/// </summary>
public sealed partial class CardState
{
    /// <summary>Bonus grants beyond this many lots are declined; lots moved in by a replacement are always taken.</summary>
    public const int MaxBonusLots = 32;

    /// <summary>Replacement balances a card credits over its life; a further one is refused (for an operator).</summary>
    public const int MaxReceivedTransfers = 16;

    private ValueList<BonusLot> _lots;
    private ValueList<Hold> _holds;
    private BoundedRing<SaleRecord> _sales;
    private BoundedRing<RecentTransaction> _recent;
    private BoundedRing<AwaitedOriginal> _awaited;
    private BoundedRing<OlderSaleReturns> _olderSaleReturns;
    private ValueList<TransactionId> _receivedTransfers;
    private long _olderReturnsForgottenUntilTicks;
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

    /// <summary>How many transactions and sales the card remembers and how many holds it may have open; copied at issue.</summary>
    public CardMemoryLimits Memory { get; private set; }

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

    /// <summary>The sales remembered, oldest first: at most <see cref="CardMemoryLimits.SaleMemory"/>, within the refund window.</summary>
    public RingView<SaleRecord> Sales => _sales.View;

    /// <summary>The transactions remembered, oldest first: at most <see cref="CardMemoryLimits.RecentMemory"/>, within the idempotency window.</summary>
    public RingView<RecentTransaction> RecentTransactions => _recent.View;

    /// <summary>Reversals waiting for their original, oldest first: as many as transactions are remembered, within the idempotency window.</summary>
    public RingView<AwaitedOriginal> AwaitedOriginals => _awaited.View;

    /// <summary>Returns from sales no longer in memory, oldest first: as many as sales are remembered, within the refund window.</summary>
    public RingView<OlderSaleReturns> ReturnsOfOlderSales => _olderSaleReturns.View;

    /// <summary>
    /// Sales up to this instant that are no longer in memory may have had returns the card had to
    /// forget (its memory of them was full): a refund of such a sale from the journal is declined.
    /// Null when nothing was ever forgotten.
    /// </summary>
    public DateTimeOffset? ReturnsForgottenUntil =>
        _olderReturnsForgottenUntilTicks == 0 ? null : new(_olderReturnsForgottenUntilTicks, TimeSpan.Zero);

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
