namespace CardActors.Domain.Issuance;

/// <summary>
/// What a reservation needs besides state and command: the time (kept in UTC) and how many
/// sequence numbers the issuer's generator has in all (<c>CardNumberGenerator.Capacity</c>).
/// </summary>
public readonly struct CardNumberPoolContext
{
    public CardNumberPoolContext(DateTimeOffset now, ulong capacity)
    {
        Now = now.ToUniversalTime();
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), "capacity: must be positive");
    }

    public DateTimeOffset Now { get; }

    public ulong Capacity { get; }
}
