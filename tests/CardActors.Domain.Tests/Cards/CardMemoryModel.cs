using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// What a card should still remember, modelled from its events alone: every keyed event is
/// remembered (with the reply it got) among the last <c>recentMemory</c> of them for the
/// idempotency window, and every reversal awaiting its original among the last as many such
/// reversals. The scenario's clock only moves forward, so what the card prunes by time is
/// exactly what is outside the window.
/// </summary>
internal sealed class CardMemoryModel(int recentMemory, TimeSpan window)
{
    private readonly List<(IdempotencyKey Key, DateTimeOffset At, CardReply Reply)> _keyed = [];
    private readonly List<(TransactionId Original, DateTimeOffset At)> _awaited = [];

    public void Observe(CardEvent cardEvent, CardReply reply)
    {
        if (cardEvent is CardTransactionEvent keyed)
        {
            _keyed.Add((keyed.Key, keyed.At, reply));
            Trim(_keyed);
        }
        if (cardEvent is ReversalRecorded { AwaitingOriginal: true } recorded)
        {
            _awaited.Add((recorded.OriginalId, recorded.At));
            Trim(_awaited);
        }
    }

    /// <summary>The reply a repeat of <paramref name="key"/> must get at <paramref name="now"/>, or null when the card has forgotten the key.</summary>
    public CardReply? RememberedReply(IdempotencyKey key, DateTimeOffset now)
    {
        foreach (var (remembered, at, reply) in _keyed)
        {
            if (remembered == key && now - at < window)
            {
                return reply with { Repeated = true };
            }
        }
        return null;
    }

    /// <summary>True when the card still remembers a reversal that arrived before <paramref name="original"/>.</summary>
    public bool AwaitsOriginal(TransactionId original, DateTimeOffset now) =>
        _awaited.Exists(a => a.Original == original && now - a.At < window);

    private void Trim<T>(List<T> items)
    {
        if (items.Count > recentMemory)
        {
            items.RemoveRange(0, items.Count - recentMemory);
        }
    }
}
