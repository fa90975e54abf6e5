using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Issuance;

/// <summary>
/// Gives the issue request the card number <see cref="Candidate"/> unless it already has one: the
/// first candidate is kept, and every later one (a retry's) is answered with it.
/// </summary>
public sealed record AssignCardNumber(CardNumber Candidate);

/// <summary>The issue request's card number, for good.</summary>
public sealed record CardNumberAssigned(DateTimeOffset At, CardNumber Card);

/// <summary>
/// The card number of the request: the candidate just assigned, or the one assigned before
/// (<see cref="Repeated"/>). Not accepted, with the error, when no number could be assigned.
/// </summary>
public readonly record struct IssueRequestReply(bool Accepted, CardNumber Card, bool Repeated, FieldError? Error);

/// <summary>At most one event to persist, and the reply to send once it is durable.</summary>
public readonly record struct IssueRequestDecision(CardNumberAssigned? Event, IssueRequestReply Reply);
