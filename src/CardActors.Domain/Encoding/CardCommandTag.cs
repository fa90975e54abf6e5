namespace CardActors.Domain.Encoding;

/// <summary>
/// The first byte of every encoded card command. Nodes of different builds exchange these during a
/// rolling upgrade: values are never changed or reused, a new command takes the next free value.
/// </summary>
public enum CardCommandTag : byte
{
    IssueCard = 1,
    ActivateCard = 2,
    TopUp = 3,
    GrantBonus = 4,
    Authorize = 5,
    Capture = 6,
    Purchase = 7,
    Reverse = 8,
    Refund = 9,
    ExpireHolds = 10,
    InquireBalance = 11,
    Freeze = 12,
    Unfreeze = 13,
    ReportLost = 14,
    Replace = 15,
    ReceiveTransfer = 16,
    ConfirmTransferOut = 17,
    Extend = 18,
    Close = 19,
}
