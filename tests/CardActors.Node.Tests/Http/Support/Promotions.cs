using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Monetary;
using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests.Http.Support;

/// <summary>
/// Bonus money on a card. No HTTP route grants it yet (campaigns will), so tests that need a bonus
/// purse ask the card entity directly, as a promotion pipeline would.
/// </summary>
public static class Promotions
{
    public static async Task GrantBonusAsync(TestNode node, string card, long amount, TimeSpan lifetime)
    {
        var number = CardNumber.Parse(card);
        var id = node.Node.TransactionIds.Next();
        var reply = await node.Node.Cards.Ask(number, new GrantBonus(
            id, IdempotencyKey.FromClientKey("bonus:" + id), new Money(amount, node.Node.Currency), node.Node.Time.GetUtcNow() + lifetime, null));
        Assert.True(reply.IsApproved, "the bonus grant was declined: " + reply.Code + " " + reply.Detail);
    }
}
