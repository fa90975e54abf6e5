using CardActors.Domain.Cards;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;

namespace CardActors.Node.Cards;

/// <summary>
/// Finds a sale in a card's journal (not in the live entity, which may have forgotten it), for a
/// refund of a sale outside the card's memory. Reads the card's whole journal: refunds of old sales
/// are rare, and only the events that can matter are decoded. A sale named by its completion takes
/// a second reading, for the bonus lot of the hold it completed.
/// </summary>
public sealed class SaleLookup(IJournal journal, IEntityIdentity<CardNumber> identity)
{
    /// <summary>The sale <paramref name="sale"/> (purchase, authorization or completion id) of <paramref name="card"/>, or null.</summary>
    public async Task<OriginalSale?> FindAsync(CardNumber card, TransactionId sale, CancellationToken cancellationToken)
    {
        if (sale.IsNone)
        {
            return null;
        }

        var persistenceId = identity.PersistenceIdOf(card);
        var finder = await ReadAsync(persistenceId, sale, cancellationToken);
        if (finder.Sale is null && !finder.CompletedHold.IsNone)
        {
            finder = await ReadAsync(persistenceId, finder.CompletedHold, cancellationToken);
        }

        return finder.Sale;
    }

    private async Task<OriginalSaleFinder> ReadAsync(string persistenceId, TransactionId sale, CancellationToken cancellationToken)
    {
        var reader = new Reader(new OriginalSaleFinder(sale));
        await journal.ReplayAsync(persistenceId, 1, reader, cancellationToken);
        return reader.Finder;
    }

    private sealed class Reader(OriginalSaleFinder finder) : IReplayTarget
    {
        public OriginalSaleFinder Finder => finder;

        public void OnReplay(long sequenceNr, ReadOnlySpan<byte> payload)
        {
            if (payload.Length > 0 && OriginalSaleFinder.CanMatter((CardEventTag)payload[0]))
            {
                finder.Observe(CardEventCodec.Decode(payload));
            }
        }
    }
}
