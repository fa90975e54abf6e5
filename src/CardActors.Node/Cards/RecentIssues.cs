using System.Collections.Concurrent;
using CardActors.Domain.Identifiers;

namespace CardActors.Node.Cards;

/// <summary>
/// Which card number a recent issue request (by idempotency key) was given, so that a retried
/// request issues the same card instead of a second one. Kept on the node that served the request,
/// for a day, bounded in size; the card itself then answers the repeat with its first reply.
/// </summary>
public sealed class RecentIssues(TimeProvider time)
{
    private const int MaxEntries = 1_000_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<IdempotencyKey, (CardNumber Card, DateTimeOffset At)> _issued = new();

    public CardNumber? Find(IdempotencyKey key) =>
        _issued.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.At < Lifetime ? entry.Card : null;

    public void Remember(IdempotencyKey key, CardNumber card)
    {
        if (_issued.Count >= MaxEntries)
        {
            var cutoff = time.GetUtcNow() - Lifetime;
            foreach (var (stale, entry) in _issued)
            {
                if (entry.At < cutoff)
                {
                    _issued.TryRemove(stale, out _);
                }
            }
        }

        _issued.TryAdd(key, (card, time.GetUtcNow()));
    }
}
