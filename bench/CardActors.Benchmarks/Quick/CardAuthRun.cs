using CardActors.Domain.Calendar;
using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Domain.Products;
using CardActors.Node.Entities;
using CardActors.Node.Products;
using CardActors.Runtime.Actors;
using CardActors.Runtime.Entities;
using CardActors.Runtime.Persistence;
using CardActors.Runtime.Sharding;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Benchmarks.Quick;

/// <summary>
/// Card authorizations through the real card decider, hosted exactly as the node hosts it, on the
/// in-memory journal: each operation is a purchase (authorize and capture in one decision: status,
/// scope, limits, funds, idempotency memory) of one fen on a random card of 100,000.
/// </summary>
internal static class CardAuthRun
{
    private static readonly Money OneFen = Money.Fen(1);

    public static async Task<string> RunAsync(QuickOptions options)
    {
        using var system = new ActorSystem();
        var journal = new InMemoryJournal(options.ReserveBytes);
        using var writers = new JournalWriterGroup(Enumerable.Repeat<IJournal>(journal, options.Partitions).ToArray(), new JournalWriterSettings(), system.Time, NullLogger.Instance);
        var products = new ProductCatalog(Currency.Cny);
        var product = new CardProduct
        {
            Id = new ProductId(1),
            Name = "Benchmark real-name card",
            Identity = CardholderIdentity.RealName,
            ValidityMonths = null,
            PerTransactionLimit = Money.Yuan(500),
            // A campus product that remembers a card's last 8 transactions and sales (docs/domain-rules.md,
            // "Card memory"): small cards, and rings that are full after the warm-up.
            RecentMemory = 8,
            SaleMemory = 8,
        };
        products.Replace([product], 0);
        using var region = new ShardRegion<CardNumber, CardState, CardCommand, CardEvent, CardReply>(
            system, CardEntity.Type(products, BusinessCalendar.Default, system.Time, null), journal, writers, new EntitySettings());

        var numbers = CardNumberGenerator.Sequential("623456", 19);
        var cards = new CardNumber[options.Entities];
        for (var i = 0; i < cards.Length; i += 1_000)
        {
            var batch = new List<Task>(1_000);
            for (var j = i; j < Math.Min(i + 1_000, cards.Length); j++)
            {
                cards[j] = numbers.Next();
                batch.Add(IssueAsync(region, cards[j], product.Id, j));
            }

            await Task.WhenAll(batch);
        }

        var merchant = new MerchantFacts(MerchantId.Parse("BENCH0000000001"), TerminalId.Parse("T0000001"), new MerchantCategory(5812), new MerchantGroupId(1), []);
        var result = await ClosedLoopDriver.RunAsync(
            options,
            journal,
            (card, sequence) => region.Ask(cards[card], new Purchase(new TransactionId((ulong)sequence), new IdempotencyKey((ulong)sequence, 1), OneFen, merchant)),
            reply => reply.IsApproved);
        return result.Line("card-auth");
    }

    private static async Task IssueAsync(ShardRegion<CardNumber, CardState, CardCommand, CardEvent, CardReply> region, CardNumber card, ProductId product, int index)
    {
        var id = new TransactionId((ulong)index + 1);
        var issued = await region.Ask(card, new IssueCard(id, new IdempotencyKey((ulong)index + 1, 2), card, product, new HolderId((ulong)index + 1), Money.Yuan(4_000)));
        var activated = await region.Ask(card, new ActivateCard());
        if (!issued.IsApproved || !activated.IsApproved)
        {
            throw new InvalidOperationException($"Card {card} could not be prepared: {issued.Code} {issued.Detail} / {activated.Code} {activated.Detail}");
        }
    }
}
