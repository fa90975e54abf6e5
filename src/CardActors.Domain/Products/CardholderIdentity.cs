namespace CardActors.Domain.Products;

/// <summary>Whether a product's cards are bearer cards or registered to a verified person.</summary>
public enum CardholderIdentity : byte
{
    Anonymous = 1,
    RealName = 2,
}
