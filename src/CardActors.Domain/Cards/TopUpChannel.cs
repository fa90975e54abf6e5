namespace CardActors.Domain.Cards;

/// <summary>Where customer money was loaded.</summary>
public enum TopUpChannel : byte
{
    Counter = 1,
    Kiosk = 2,
    Online = 3,
    BankTransfer = 4,
}
