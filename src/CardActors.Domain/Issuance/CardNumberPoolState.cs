namespace CardActors.Domain.Issuance;

/// <summary>
/// The issuer's card number pool: every sequence number below <see cref="NextSequence"/> has been
/// handed out. One entity for the whole cluster, so no number is handed out twice across restarts
/// and nodes; changed only by <see cref="Apply"/>.
/// </summary>
public sealed class CardNumberPoolState
{
    /// <summary>The first sequence number not yet reserved; also how many have been reserved.</summary>
    public ulong NextSequence { get; private set; }

    /// <summary>How many sequence numbers are left in a generator of <paramref name="capacity"/>.</summary>
    public ulong RemainingIn(ulong capacity) => capacity > NextSequence ? capacity - NextSequence : 0;

    /// <remarks>Only the shape is checked, not today's size limit, so an old journal always replays.</remarks>
    public void Apply(CardNumbersReserved reserved)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        if (reserved.FirstSequence != NextSequence || reserved.Count < 1)
        {
            throw new InvalidOperationException(
                "card number pool invariant violated: reservation at " + reserved.FirstSequence + " of " + reserved.Count + " while next is " + NextSequence);
        }
        NextSequence = checked(NextSequence + (ulong)reserved.Count);
    }

    /// <summary>Restores a snapshot; used by the codec only.</summary>
    internal void Restore(ulong nextSequence) => NextSequence = nextSequence;
}
