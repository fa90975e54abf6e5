using System.Collections.Immutable;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Products;

namespace CardActors.Domain.Cards;

/// <summary>A fact in a card's journal. Amounts are minor units of the card's currency.</summary>
public abstract record CardEvent(DateTimeOffset At);

/// <summary>A fact produced by a keyed money command: remembered under its key for the idempotency window.</summary>
public abstract record CardTransactionEvent(DateTimeOffset At, TransactionId TransactionId, IdempotencyKey Key) : CardEvent(At);

public sealed record CardIssued(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    CardNumber Card,
    ProductId Product,
    HolderId Holder,
    long InitialLoad,
    TimeSpan IdempotencyWindow,
    TimeSpan RefundWindow,
    CardMemoryLimits Memory) : CardTransactionEvent(At, TransactionId, Key);

public sealed record CardActivated(DateTimeOffset At, DateTimeOffset? ExpiresAt) : CardEvent(At);

public sealed record ToppedUp(DateTimeOffset At, TransactionId TransactionId, IdempotencyKey Key, long Amount, TopUpChannel Channel)
    : CardTransactionEvent(At, TransactionId, Key);

/// <summary>A bonus lot was added; its id is the transaction id.</summary>
public sealed record BonusGranted(DateTimeOffset At, TransactionId TransactionId, IdempotencyKey Key, long Amount, DateTimeOffset ExpiresAt, UsageScope? Scope)
    : CardTransactionEvent(At, TransactionId, Key);

public sealed record Authorized(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    long Main,
    long Bonus,
    TransactionId BonusLot,
    DateTimeOffset HoldExpiresAt,
    MerchantId Merchant,
    TerminalId Terminal,
    DateOnly BusinessDate) : CardTransactionEvent(At, TransactionId, Key);

/// <summary>
/// A hold was completed: Main + Bonus were captured (paid to the merchant); the rest of the hold
/// went back, the bonus part to its lot or, if the lot is gone, forfeited.
/// </summary>
public sealed record HoldCaptured(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    TransactionId HoldId,
    long Main,
    long Bonus,
    long ReleasedMain,
    long ReleasedBonus,
    long ForfeitedBonus,
    MerchantId Merchant,
    TerminalId Terminal,
    DateOnly BusinessDate) : CardTransactionEvent(At, TransactionId, Key);

public sealed record Purchased(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    long Main,
    long Bonus,
    TransactionId BonusLot,
    MerchantId Merchant,
    TerminalId Terminal,
    DateOnly BusinessDate) : CardTransactionEvent(At, TransactionId, Key);

/// <summary>A reversal released a hold.</summary>
public sealed record HoldReleased(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    TransactionId HoldId,
    long Main,
    long ReturnedBonus,
    long ForfeitedBonus) : CardTransactionEvent(At, TransactionId, Key);

/// <summary>A hold reached its expiry without completion or reversal.</summary>
public sealed record HoldExpired(DateTimeOffset At, TransactionId HoldId, long Main, long ReturnedBonus, long ForfeitedBonus) : CardEvent(At);

/// <summary>A reversal gave back what was left of a completed sale.</summary>
public sealed record SaleReversed(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    TransactionId SaleId,
    long Main,
    long ReturnedBonus,
    long ForfeitedBonus,
    MerchantId Merchant,
    DateOnly BusinessDate) : CardTransactionEvent(At, TransactionId, Key);

/// <summary>
/// Part of a sale went back to the card. <see cref="OlderSale"/> is set when the sale was outside the
/// card's memory and the refund was decided on the journal's record of it.
/// </summary>
public sealed record Refunded(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    TransactionId SaleId,
    long Main,
    long ReturnedBonus,
    long ForfeitedBonus,
    MerchantId Merchant,
    TerminalId Terminal,
    DateOnly BusinessDate,
    OlderSaleRefund? OlderSale = null) : CardTransactionEvent(At, TransactionId, Key);

/// <summary>
/// A reversal took back credit <see cref="CreditId"/> — a top-up, or a refund of sale
/// <see cref="SaleId"/> — from the card: <see cref="Main"/> from the main purse and
/// <see cref="Bonus"/> from the bonus lot the refund had credited (0 when that lot is gone). A
/// reversed refund counts as not given back: the sale's refundable remainder grows by what was
/// taken back. <see cref="Merchant"/> is the refunding merchant (none for a top-up).
/// </summary>
public sealed record CreditReversed(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    TransactionId CreditId,
    TransactionId SaleId,
    long Main,
    long Bonus,
    MerchantId Merchant,
    DateOnly BusinessDate) : CardTransactionEvent(At, TransactionId, Key);

/// <summary>
/// A reversal that moved no money: its original was declined, already undone, or not seen yet
/// (<see cref="AwaitingOriginal"/>), in which case the original is declined if it arrives.
/// </summary>
public sealed record ReversalRecorded(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    TransactionId OriginalId,
    IdempotencyKey OriginalKey,
    bool AwaitingOriginal) : CardTransactionEvent(At, TransactionId, Key);

public sealed record BonusExpired(DateTimeOffset At, TransactionId LotId, long Amount) : CardEvent(At);

/// <summary>A keyed command on an existing card was declined; remembered so that a repeat gets the same answer.</summary>
public sealed record Declined(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    OperationKind Kind,
    ResponseCode Code,
    DeclineReason Reason) : CardTransactionEvent(At, TransactionId, Key);

public sealed record CardFrozen(DateTimeOffset At) : CardEvent(At);

public sealed record CardUnfrozen(DateTimeOffset At) : CardEvent(At);

public sealed record CardReportedLost(DateTimeOffset At) : CardEvent(At);

/// <summary>Old card side of a replacement: the whole balance left; the card is closed with the transfer pending.</summary>
public sealed record BalanceTransferredOut(
    DateTimeOffset At,
    TransactionId TransactionId,
    IdempotencyKey Key,
    CardNumber NewCard,
    long Main,
    ImmutableArray<BonusLot> Lots) : CardTransactionEvent(At, TransactionId, Key);

/// <summary>New card side: the moved balance arrived (creating the card if it was never issued).</summary>
public sealed record TransferReceived(
    DateTimeOffset At,
    TransactionId TransferId,
    CardNumber Card,
    CardNumber FromCard,
    ProductId Product,
    HolderId Holder,
    DateTimeOffset? ExpiresAt,
    long Main,
    ImmutableArray<BonusLot> Lots,
    TimeSpan IdempotencyWindow,
    TimeSpan RefundWindow,
    CardMemoryLimits Memory) : CardEvent(At);

public sealed record TransferOutConfirmed(DateTimeOffset At, TransactionId TransferId) : CardEvent(At);

public sealed record CardExtended(DateTimeOffset At, TransactionId TransactionId, IdempotencyKey Key, DateTimeOffset ExpiresAt, long Fee)
    : CardTransactionEvent(At, TransactionId, Key);

/// <summary>The card was redeemed: customer money paid out, bonus money forfeited.</summary>
public sealed record CardClosed(DateTimeOffset At, TransactionId TransactionId, IdempotencyKey Key, long RedeemedMain, long ForfeitedBonus)
    : CardTransactionEvent(At, TransactionId, Key);
