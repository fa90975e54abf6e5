namespace CardActors.Domain.Cards;

/// <summary>Which identity of a ring entry a lookup compares (see <see cref="IRingEntry{TSelf}"/>).</summary>
internal enum FingerprintHalf
{
    Primary,
    Secondary,
    Either,
}
