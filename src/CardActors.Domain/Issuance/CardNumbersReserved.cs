namespace CardActors.Domain.Issuance;

/// <summary>Sequence numbers <see cref="FirstSequence"/> to <see cref="FirstSequence"/> + <see cref="Count"/> − 1 are taken, for good.</summary>
public sealed record CardNumbersReserved(DateTimeOffset At, ulong FirstSequence, int Count);
