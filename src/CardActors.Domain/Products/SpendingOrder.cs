namespace CardActors.Domain.Products;

/// <summary>Which purse pays first when both could.</summary>
public enum SpendingOrder : byte
{
    MainFirst = 1,
    BonusFirst = 2,
}
