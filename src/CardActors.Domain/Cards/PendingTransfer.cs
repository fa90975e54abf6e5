using System.Collections.Immutable;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Cards;

/// <summary>
/// A balance that left this card for a replacement card and is not yet confirmed as received
/// there. While it exists the move must be (re)sent; see <see cref="CardReplacementProcess"/>.
/// </summary>
public sealed record PendingTransfer(
    TransactionId TransferId,
    CardNumber NewCard,
    long Main,
    ImmutableArray<BonusLot> Lots,
    DateTimeOffset At);
