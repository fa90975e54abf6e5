namespace CardActors.Domain.Merchants;

public enum MerchantStatus : byte
{
    /// <summary>The merchant id was never registered.</summary>
    None = 0,
    Active = 1,
    Suspended = 2,
    Closed = 3,
}
