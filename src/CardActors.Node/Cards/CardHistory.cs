using CardActors.Domain.Cards;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Node.Api;
using CardActors.Node.Api.Contracts;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;

namespace CardActors.Node.Cards;

/// <summary>A card's transaction history, read from its journal (not from the live entity).</summary>
public sealed class CardHistory(IJournal journal, IEntityIdentity<CardNumber> identity)
{
    public async Task<HistoryResponse> ReadAsync(CardNumber card, long from, int limit, CancellationToken cancellationToken)
    {
        var page = new Page(limit);
        await journal.ReplayAsync(identity.PersistenceIdOf(card), from, page, cancellationToken);
        var more = page.Entries.Count > limit;
        var entries = page.Entries.Take(limit).ToArray();
        return new HistoryResponse(card.ToDigitString(), entries, more ? entries[^1].SequenceNr + 1 : null);
    }

    /// <summary>The new card of a replacement, from the old card's journal (for a repeated replace request).</summary>
    public async Task<CardNumber?> FindTransferTargetAsync(CardNumber oldCard, TransactionId transfer, CancellationToken cancellationToken)
    {
        var finder = new TransferFinder(transfer);
        await journal.ReplayAsync(identity.PersistenceIdOf(oldCard), 1, finder, cancellationToken);
        return finder.Target;
    }

    private sealed class Page(int limit) : IReplayTarget
    {
        public List<HistoryEntry> Entries { get; } = [];

        public void OnReplay(long sequenceNr, ReadOnlySpan<byte> payload)
        {
            if (Entries.Count <= limit)
            {
                Entries.Add(CardDocuments.History(sequenceNr, CardEventCodec.Decode(payload)));
            }
        }
    }

    private sealed class TransferFinder(TransactionId transfer) : IReplayTarget
    {
        public CardNumber? Target { get; private set; }

        public void OnReplay(long sequenceNr, ReadOnlySpan<byte> payload)
        {
            if (CardEventCodec.Decode(payload) is BalanceTransferredOut moved && moved.TransactionId == transfer)
            {
                Target = moved.NewCard;
            }
        }
    }
}
