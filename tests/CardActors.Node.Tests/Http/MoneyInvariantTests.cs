using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;
using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>
/// A seeded random script of loads, holds, captures, purchases, reversals, refunds and closes over
/// HTTP. After every step the sum of the cards' balances equals loads − captured spends + money
/// returned − redemptions, each card's balance is what its own approved movements say, no
/// available balance is negative, and every refusal is a problem document that moved nothing.
/// </summary>
public sealed class MoneyInvariantTests
{
    [Theory]
    [InlineData(20_261_122)]
    [InlineData(7)]
    public async Task Money_is_conserved_across_a_random_script(int seed)
    {
        await using var node = await TestNode.StartAsync();
        try
        {
            await RunAsync(node, seed, steps: 160);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}: {exception.Message}\n{exception.StackTrace}");
        }
    }

    [Fact]
    public async Task Concurrent_spends_never_take_a_card_below_zero()
    {
        await using var node = await TestNode.StartAsync();
        var api = new ApiClient(() => node.Http);
        var estate = new Estate(api);
        var product = await estate.DefineProductAsync();
        var shop = await estate.OpenShopAsync();
        var card = await estate.IssueAsync(product, 10_500);

        var replies = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => i % 2 == 0
            ? api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(1_000))
            : api.PostAsync($"/api/cards/{card}/authorizations", shop.Spend(1_000))));
        var approved = replies.Count(r => r.Status == HttpStatusCode.OK);
        Assert.Equal(10, approved);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => r.ExpectDecline(HttpStatusCode.UnprocessableEntity, "51", "funds"));
        var view = await estate.ViewAsync(card);
        var holds = view["holds"]!.AsArray().Sum(h => h!["main"]!.GetValue<long>());
        var purchased = replies.Where(r => r.Status == HttpStatusCode.OK && r.Request.EndsWith("/purchases", StringComparison.Ordinal)).Sum(r => r.Long("approvedAmount"));
        Assert.Equal(10_500 - purchased, view["balances"]!["main"]!.GetValue<long>());
        Assert.Equal(500, view["balances"]!["available"]!.GetValue<long>());
        Assert.Equal(10_000, purchased + holds);
    }

    private static async Task RunAsync(TestNode node, int seed, int steps)
    {
        var random = new Random(seed);
        var api = new ApiClient(() => node.Http);
        var estate = new Estate(api);
        var product = await estate.DefineProductAsync(p => { p["balanceCap"] = 60_000; p["perTransactionLimit"] = 9_000; });
        Shop[] shops = [await estate.OpenShopAsync(), await estate.OpenShopAsync(5411)];
        var cards = new List<ModelCard>();
        var ledger = new Ledger();
        for (var i = 0; i < 6; i++)
        {
            var load = random.Next(0, 5) * 2_500L;
            var card = new ModelCard(await estate.IssueAsync(product, load)) { Main = load };
            ledger.Loads += load;
            cards.Add(card);
        }

        for (var step = 0; step < steps; step++)
        {
            var card = cards[random.Next(cards.Count)];
            var shop = shops[random.Next(shops.Length)];
            var amount = random.Next(1, 6_000);
            var roll = random.Next(100);
            var what = $"step {step}, card {card.Number}";
            if (roll < 20)
            {
                var load = amount * 4L;
                var reply = await api.PostAsync($"/api/cards/{card.Number}/top-ups", new JsonObject { ["amount"] = load, ["channel"] = "online" });
                if (Approved(reply, what))
                {
                    card.Main += load;
                    ledger.Loads += load;
                    ledger.Count("top-up");
                }
            }
            else if (roll < 40)
            {
                var reply = await api.PostAsync($"/api/cards/{card.Number}/authorizations", shop.Spend(amount));
                if (Approved(reply, what))
                {
                    card.Holds[reply.String("transactionId")] = (shop, amount);
                    ledger.Count("authorization");
                }
            }
            else if (roll < 55 && card.Holds.Count > 0)
            {
                var (holdId, (holdShop, held)) = card.Holds.ElementAt(random.Next(card.Holds.Count));
                var take = random.Next(8) == 0 ? held + 1 : random.Next(1, (int)held + 1);
                var reply = await api.PostAsync($"/api/cards/{card.Number}/authorizations/{holdId}/capture", holdShop.Spend(take));
                if (Approved(reply, what))
                {
                    var captured = Math.Min(take, held); // more than the hold captures the hold
                    Assert.Equal(captured, reply.Long("capturedAmount"));
                    card.Holds.Remove(holdId);
                    var sale = new Sale(holdShop, captured);
                    card.Sales[holdId] = sale;
                    card.Sales[reply.String("transactionId")] = sale;
                    card.Main -= captured;
                    ledger.Captured += captured;
                    ledger.Count("capture");
                }
            }
            else if (roll < 72)
            {
                var reply = await api.PostAsync($"/api/cards/{card.Number}/purchases", shop.Spend(amount));
                if (Approved(reply, what))
                {
                    card.Sales[reply.String("transactionId")] = new Sale(shop, amount);
                    card.Main -= amount;
                    ledger.Captured += amount;
                    ledger.Count("purchase");
                }
            }
            else if (roll < 80 && card.Holds.Count + card.Sales.Count > 0)
            {
                var ids = card.Holds.Keys.Concat(card.Sales.Keys).ToArray();
                var original = ids[random.Next(ids.Length)];
                var reply = await api.PostAsync($"/api/cards/{card.Number}/reversals", new JsonObject { ["originalTransactionId"] = original });
                if (Approved(reply, what))
                {
                    ledger.Count("reversal");
                    if (!card.Holds.Remove(original) && card.Sales.TryGetValue(original, out var sale))
                    {
                        card.Main += sale.Refundable;
                        ledger.Returned += sale.Refundable;
                        sale.Refundable = 0;
                    }
                }
            }
            else if (roll < 95 && card.Sales.Count > 0)
            {
                var (original, sale) = card.Sales.ElementAt(random.Next(card.Sales.Count));
                var back = random.Next(6) == 0 ? sale.Refundable + 1 : Math.Max(1, random.Next(1, (int)Math.Max(1, sale.Refundable) + 1));
                var reply = await api.PostAsync($"/api/cards/{card.Number}/refunds", sale.Shop.Refund(original, back));
                if (Approved(reply, what))
                {
                    Assert.True(back <= sale.Refundable, $"{what}: a refund of {back} above the {sale.Refundable} left was approved");
                    sale.Refundable -= back;
                    card.Main += back;
                    ledger.Returned += back;
                    ledger.Count("refund");
                }
            }
            else if (roll >= 98)
            {
                var reply = await api.PostAsync($"/api/cards/{card.Number}/close");
                if (Approved(reply, what))
                {
                    Assert.Equal(card.Main, reply.Long("approvedAmount"));
                    ledger.Redeemed += card.Main;
                    card.Main = 0;
                    card.Sales.Clear();
                }
            }

            await AssertBalancesAsync(estate, cards, ledger, what);
        }

        foreach (var kind in new[] { "top-up", "authorization", "capture", "purchase", "reversal", "refund" })
        {
            Assert.True(ledger.Approved(kind) >= 3, $"the script approved only {ledger.Approved(kind)} of kind {kind}: it proves too little");
        }

        foreach (var card in cards.Where(c => c.Main > 0))
        {
            Assert.Equal(card.Main, HistoryBalance(await CardSnapshot.ReadHistoryAsync(api, card.Number)));
        }
    }

    /// <summary>True for an approval; a refusal must be a problem document with a response code.</summary>
    private static bool Approved(ApiReply reply, string what)
    {
        if (reply.Status == HttpStatusCode.OK)
        {
            return true;
        }

        Assert.True(reply.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{what}: {reply}");
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.False(string.IsNullOrEmpty(reply.Body["detail"]?.GetValue<string>()), $"{what}: {reply}");
        return false;
    }

    private static async Task AssertBalancesAsync(Estate estate, List<ModelCard> cards, Ledger ledger, string what)
    {
        long sum = 0;
        foreach (var card in cards)
        {
            var view = await estate.ViewAsync(card.Number);
            var main = view["balances"]!["main"]!.GetValue<long>();
            var available = view["balances"]!["available"]!.GetValue<long>();
            Assert.True(main == card.Main, $"{what}: card {card.Number} holds {main}, its approved movements say {card.Main}");
            Assert.True(available >= 0, $"{what}: card {card.Number} has a negative available balance {available}");
            Assert.Equal(card.Main - card.Holds.Values.Sum(h => h.Amount), available);
            sum += main;
        }

        Assert.True(sum == ledger.Expected, $"{what}: the cards hold {sum}, loads − captured + returned − redeemed is {ledger.Expected}");
    }

    /// <summary>What a card's journal says it holds: loads and returns in, spends out.</summary>
    private static long HistoryBalance(IReadOnlyList<JsonObject> history) => history.Sum(e => e["type"]!.GetValue<string>() switch
    {
        "CardIssued" or "ToppedUp" or "Refunded" or "SaleReversed" => e["amount"]?.GetValue<long>() ?? 0,
        "Purchased" or "HoldCaptured" => -e["amount"]!.GetValue<long>(),
        _ => 0,
    });
}
