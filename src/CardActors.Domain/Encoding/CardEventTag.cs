namespace CardActors.Domain.Encoding;

/// <summary>The first byte of every encoded card event. Journaled: values are never changed or reused.</summary>
public enum CardEventTag : byte
{
    CardIssued = 1,
    CardActivated = 2,
    ToppedUp = 3,
    BonusGranted = 4,
    Authorized = 5,
    HoldCaptured = 6,
    Purchased = 7,
    HoldReleased = 8,
    HoldExpired = 9,
    SaleReversed = 10,
    Refunded = 11,
    ReversalRecorded = 12,
    BonusExpired = 13,
    Declined = 14,
    CardFrozen = 15,
    CardUnfrozen = 16,
    CardReportedLost = 17,
    BalanceTransferredOut = 18,
    TransferReceived = 19,
    TransferOutConfirmed = 20,
    CardExtended = 21,
    CardClosed = 22,
    CreditReversed = 23,
}
