using CardActors.Domain.Identifiers;
using CardActors.Domain.Issuance;
using CardActors.Runtime.Sharding;

namespace CardActors.Node.Cards;

/// <summary>
/// Hands out new card numbers: sequences reserved in blocks from the issuer's pool entity (so no
/// number is ever issued twice, across restarts and nodes), mapped through a seeded permutation so
/// that numbers are not guessable from one another.
/// </summary>
public sealed class CardNumberIssuer : IDisposable
{
    private const int Block = 1_000;
    private readonly IShardRegion<string, ReserveCardNumbers, CardNumberPoolReply> _pool;
    private readonly string _poolKey;
    private readonly CardNumberGenerator _generator;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong _next;
    private ulong _end;

    public CardNumberIssuer(IShardRegion<string, ReserveCardNumbers, CardNumberPoolReply> pool, string prefix, int length, ulong seed)
    {
        _pool = pool;
        _poolKey = prefix + "/" + length;
        _generator = CardNumberGenerator.Scrambled(prefix, length, seed);
    }

    public ulong Capacity => _generator.Capacity;

    public async Task<IReadOnlyList<CardNumber>> NextAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var numbers = new List<CardNumber>(count);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (numbers.Count < count)
            {
                if (_next == _end)
                {
                    var reply = await _pool.Ask(_poolKey, new ReserveCardNumbers(Math.Max(Block, count - numbers.Count)));
                    if (!reply.Accepted)
                    {
                        throw new CardNumbersUnavailableException(reply.Error?.ToString() ?? "card numbers could not be reserved");
                    }

                    (_next, _end) = (reply.FirstSequence, reply.FirstSequence + (ulong)reply.Count);
                }

                numbers.Add(_generator.ForSequence(_next++));
            }
        }
        finally
        {
            _gate.Release();
        }

        return numbers;
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>No card number could be reserved: the pool is exhausted or cannot be reached.</summary>
public sealed class CardNumbersUnavailableException : Exception
{
    public CardNumbersUnavailableException()
    {
    }

    public CardNumbersUnavailableException(string message)
        : base(message)
    {
    }

    public CardNumbersUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
