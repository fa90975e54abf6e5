namespace CardActors.Domain.Issuance;

/// <summary>
/// Reserves contiguous ranges of card number sequence numbers: each range starts where the last
/// one ended. A request larger than what is left in the generator is refused, not trimmed, so a
/// bulk order knows up front that it cannot be filled.
/// </summary>
public static class CardNumberPoolDecider
{
    /// <summary>Most numbers one reservation may take (a bulk order larger than this reserves in parts).</summary>
    public const int MaxCount = 100_000;

    private static readonly FieldError CountOutOfRange = new("count", "must be 1 to 100000");
    private static readonly FieldError CountExceedsRemaining = new("count", "exceeds the card numbers left in the generator's range");

    public static CardNumberPoolDecision Decide(CardNumberPoolState state, ReserveCardNumbers command, in CardNumberPoolContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count is < 1 or > MaxCount)
        {
            return Reject(state, CountOutOfRange);
        }
        if ((ulong)command.Count > state.RemainingIn(context.Capacity))
        {
            return Reject(state, CountExceedsRemaining);
        }
        var reserved = new CardNumbersReserved(context.Now, state.NextSequence, command.Count);
        return new CardNumberPoolDecision(reserved, new CardNumberPoolReply(true, reserved.FirstSequence, reserved.Count, null));
    }

    private static CardNumberPoolDecision Reject(CardNumberPoolState state, FieldError error) =>
        new(null, new CardNumberPoolReply(false, state.NextSequence, 0, error));
}
