namespace CardActors.Domain.Merchants;

/// <summary>What a merchant decision needs besides state and command: the time, kept in UTC.</summary>
public readonly struct MerchantContext
{
    public MerchantContext(DateTimeOffset now) => Now = now.ToUniversalTime();

    public DateTimeOffset Now { get; }
}
