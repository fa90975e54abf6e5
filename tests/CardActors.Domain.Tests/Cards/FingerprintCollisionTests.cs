using CardActors.Domain.Cards;
using CardActors.Domain.Codes;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;

namespace CardActors.Domain.Tests.Cards;

/// <summary>
/// A card looks up ids and keys by 16-bit fingerprints first. Ids and keys whose fingerprints are
/// equal must still be told apart: a new transaction is never taken for a repeat, and a repeat is
/// never taken for a new transaction.
/// </summary>
public sealed class FingerprintCollisionTests
{
    [Fact]
    public void Transaction_ids_with_equal_fingerprints_are_told_apart()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 8, saleMemory: 8)).Ready(10_000);
        var (first, second) = CollidingIds(new TransactionId(1_000_001));
        var key = new IdempotencyKey(0x1234, 1);

        Assert.True(card.Reply(new Purchase(first, key, Money.Fen(100), CardHarness.Canteen)).IsApproved);
        var other = card.Reply(new Purchase(second, new IdempotencyKey(0x1234, 2), Money.Fen(100), CardHarness.Canteen));
        Assert.True(other.IsApproved);
        Assert.False(other.Repeated);

        var reused = card.Reply(new Purchase(first, new IdempotencyKey(0x1234, 3), Money.Fen(100), CardHarness.Canteen));
        Assert.Equal(ResponseCode.DuplicateTransmission, reused.Code);
        Assert.Equal(10_000 - 200, card.State.MainBalance);
    }

    [Fact]
    public void Keys_with_equal_fingerprints_are_told_apart()
    {
        var card = new CardHarness(CardHarness.DefaultProduct(recentMemory: 8, saleMemory: 8)).Ready(10_000);
        var (first, second) = CollidingKeys(new IdempotencyKey(0x77, 1));
        var firstTx = card.NextTx();
        Assert.True(card.Reply(new Purchase(firstTx, first, Money.Fen(100), CardHarness.Canteen)).IsApproved);

        var other = card.Reply(new Purchase(card.NextTx(), second, Money.Fen(250), CardHarness.Canteen));
        Assert.True(other.IsApproved);
        Assert.False(other.Repeated);

        var repeat = card.Reply(new Purchase(firstTx, first, Money.Fen(100), CardHarness.Canteen));
        Assert.True(repeat.Repeated);
        Assert.Equal(firstTx, repeat.TransactionId);
        Assert.Equal(10_000 - 350, card.State.MainBalance);
    }

    private static (TransactionId, TransactionId) CollidingIds(TransactionId first)
    {
        var wanted = Fingerprint.Of(first);
        for (var candidate = first.Value + 1; ; candidate++)
        {
            if (Fingerprint.Of(new TransactionId(candidate)) == wanted)
            {
                return (first, new TransactionId(candidate));
            }
        }
    }

    private static (IdempotencyKey, IdempotencyKey) CollidingKeys(IdempotencyKey first)
    {
        var wanted = Fingerprint.Of(first);
        for (var low = first.Low + 1; ; low++)
        {
            var candidate = new IdempotencyKey(first.High, low);
            if (Fingerprint.Of(candidate) == wanted)
            {
                return (first, candidate);
            }
        }
    }
}
