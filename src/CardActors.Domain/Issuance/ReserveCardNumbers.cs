namespace CardActors.Domain.Issuance;

/// <summary>
/// Asks the card number pool for <see cref="Count"/> sequence numbers of the issuer's generator
/// that nobody has had before. Not idempotent: a retry reserves a new range, and a range whose
/// reply was lost is simply never used (gaps are harmless, reuse is not).
/// </summary>
public sealed record ReserveCardNumbers(int Count);
