namespace CardActors.Domain.Issuance;

/// <summary>
/// The answer to a reservation: the range granted (sequence numbers <see cref="FirstSequence"/>
/// onwards, <see cref="Count"/> of them), or the error and a count of zero.
/// </summary>
public readonly record struct CardNumberPoolReply(bool Accepted, ulong FirstSequence, int Count, FieldError? Error);

/// <summary>At most one event to persist, and the reply to send once it is durable.</summary>
public readonly record struct CardNumberPoolDecision(CardNumbersReserved? Event, CardNumberPoolReply Reply);
