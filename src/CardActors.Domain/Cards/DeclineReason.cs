namespace CardActors.Domain.Cards;

/// <summary>
/// Why a card command was not approved: one value per rule, journaled in <c>Declined</c> events, so
/// values are never renumbered. <see cref="DeclineReasons.Text"/> gives the constant detail text.
/// </summary>
public enum DeclineReason : byte
{
    None = 0,
    AmountNotPositive = 1,
    AmountCurrency = 2,
    AmountNotDenomination = 3,
    TransactionIdMissing = 4,
    IdempotencyKeyMissing = 5,
    TransactionIdReused = 6,
    OriginalMissing = 7,
    OriginalReversed = 8,
    CardNotIssued = 9,
    CardAlreadyIssued = 10,
    CardNumberMissing = 11,
    ProductMismatch = 12,
    HolderRequired = 13,
    HolderNotAllowed = 14,
    CardLost = 15,
    CardFrozen = 16,
    CardNotActive = 17,
    CardClosed = 18,
    CardExpired = 19,
    OutOfScope = 20,
    PerTransactionLimit = 21,
    DailyAmountLimit = 22,
    DailyCountLimit = 23,
    InsufficientFunds = 24,
    BalanceCap = 25,
    HoldNotFound = 26,
    MerchantMismatch = 27,
    CaptureExceedsHold = 28,
    SaleNotFound = 29,
    RefundExceedsSale = 30,
    NotReversible = 31,
    BonusExpiryPast = 32,
    LostNeedsRealName = 33,
    HoldsOutstanding = 34,
    TransferPending = 35,
    NewCardInvalid = 36,
    NotExtendable = 37,
    NoExpiry = 38,
    TransferIdMissing = 39,
}
