namespace CardActors.Domain.Cards;

/// <summary>What a remembered transaction was, so its first reply can be rebuilt on a repeat.</summary>
public enum OperationKind : byte
{
    Issue = 1,
    TopUp = 2,
    GrantBonus = 3,
    Authorize = 4,
    Capture = 5,
    Purchase = 6,
    Reverse = 7,
    Refund = 8,
    Replace = 9,
    Extend = 10,
    Close = 11,
}
