using CardActors.Domain.Identifiers;

namespace CardActors.Node.Hosting;

/// <summary>
/// Creates transaction ids that are unique across the nodes of a cluster without coordination:
/// 41 bits of milliseconds since 2025-01-01 UTC, 10 bits of node number, 12 bits of sequence within
/// the millisecond (borrowing from the next millisecond when a burst exceeds 4,096).
/// </summary>
public sealed class TransactionIds(int nodeNumber, TimeProvider time)
{
    private static readonly long Epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private readonly ulong _node = (ulong)nodeNumber << 12;
    private long _last; // millisecond << 12 | sequence

    public TransactionId Next()
    {
        var now = (time.GetUtcNow().ToUnixTimeMilliseconds() - Epoch) << 12;
        long candidate;
        long seen = Volatile.Read(ref _last);
        do
        {
            candidate = Math.Max(now, seen + 1);
        }
        while (seen != (seen = Interlocked.CompareExchange(ref _last, candidate, seen)));

        var millis = (ulong)(candidate >> 12);
        var sequence = (ulong)(candidate & 0xFFF);
        return new TransactionId((millis << 22) | _node | sequence);
    }
}
