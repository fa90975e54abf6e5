using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;
using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>
/// A node stopped and started again on its SQLite journal shows every product, merchant and card
/// exactly as before — balances, holds, history — and carries on from there.
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Everything_reads_back_exactly_after_a_restart_and_operations_continue()
    {
        await using var node = await TestNode.StartAsync();
        var api = new ApiClient(() => node.Http);
        var estate = new Estate(api);

        var campus = await estate.DefineProductAsync(p => { p["perTransactionLimit"] = 20_000; p["dailyCountLimit"] = 40; });
        var community = await estate.DefineProductAsync(p => { p["identity"] = "realName"; p["noExpiry"] = true; p.Remove("validityMonths"); });
        var canteen = await estate.OpenShopAsync(5812);
        var grocer = await estate.OpenShopAsync(5411);
        (await api.PostAsync($"/api/merchants/{grocer.MerchantId}/terminals/{grocer.TerminalId}/mac-key")).Expect(HttpStatusCode.OK);

        var held = await estate.IssueAsync(campus, 10_000);
        await estate.TopUpAsync(held, 2_000, "kiosk");
        var openHold = (await estate.AuthorizeAsync(held, canteen, 1_500)).String("transactionId");
        var sale = (await estate.PurchaseAsync(held, canteen, 700)).String("transactionId");
        await estate.RefundAsync(held, canteen, sale, 200);
        var repeatKey = Estate.NextKey("before-restart");
        var keyed = await estate.PurchaseAsync(held, canteen, 300, repeatKey);

        var captured = await estate.IssueAsync(campus, 5_000);
        var hold = (await estate.AuthorizeAsync(captured, grocer, 3_000)).String("transactionId");
        await estate.CaptureAsync(captured, grocer, hold, 1_000);

        var lost = await estate.IssueAsync(community, 8_000, holder: 5_150);
        await estate.PurchaseAsync(lost, canteen, 1_000);
        (await api.PostAsync($"/api/cards/{lost}/report-lost")).Expect(HttpStatusCode.OK);
        var replacement = (await api.PostAsync($"/api/cards/{lost}/replace")).Expect(HttpStatusCode.OK).String("newCard");

        var waiting = await estate.IssueAsync(campus, 3_000, activate: false);
        var frozen = await estate.IssueAsync(campus, 4_000);
        (await api.PostAsync($"/api/cards/{frozen}/freeze")).Expect(HttpStatusCode.OK);
        var closed = await estate.IssueAsync(campus, 2_000);
        (await api.PostAsync($"/api/cards/{closed}/close")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/merchants/{grocer.MerchantId}/suspend")).Expect(HttpStatusCode.OK);

        string[] cards = [held, captured, lost, replacement, waiting, frozen, closed];
        var before = await ReadAllAsync(api, cards, [canteen.MerchantId, grocer.MerchantId], [campus, community]);

        await node.RestartAsync();

        var after = await ReadAllAsync(api, cards, [canteen.MerchantId, grocer.MerchantId], [campus, community]);
        Assert.Equal(before.Count, after.Count);
        foreach (var (what, text) in before)
        {
            Assert.Equal(text, after[what]);
        }

        // The hold placed before the restart is still there to capture, the sale to refund, the key to repeat.
        Assert.Equal(9_700, (await estate.CaptureAsync(held, canteen, openHold, 1_500)).Main);
        Assert.Equal(10_200, (await estate.RefundAsync(held, canteen, sale, 500)).Main);
        var repeated = await estate.PurchaseAsync(held, canteen, 300, repeatKey);
        Assert.True(repeated.Body["repeated"]!.GetValue<bool>());
        Assert.Equal(keyed.String("transactionId"), repeated.String("transactionId"));
        Assert.Equal(10_200, await estate.MainBalanceAsync(held));

        (await api.PostAsync($"/api/cards/{held}/purchases", grocer.Spend(100))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "merchantId");
        (await api.PostAsync($"/api/merchants/{grocer.MerchantId}/reactivate")).Expect(HttpStatusCode.OK);
        Assert.Equal(10_100, (await estate.PurchaseAsync(held, grocer, 100)).Main);
        (await api.PostAsync($"/api/cards/{waiting}/activate")).Expect(HttpStatusCode.OK);
        Assert.Equal(2_000, (await estate.PurchaseAsync(waiting, canteen, 1_000)).Main);
        (await api.PostAsync($"/api/cards/{frozen}/purchases", canteen.Spend(100))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "62", "status");

        var fresh = await estate.IssueAsync(campus, 1_000);
        Assert.DoesNotContain(fresh, cards); // the card number pool carries on past what it handed out
        var ready = (await api.GetAsync("/readyz")).Expect(HttpStatusCode.OK);
        Assert.True(ready.Long("products") >= 2 && ready.Long("merchants") >= 2, ready.ToString());
    }

    [Fact]
    public async Task A_repeated_issue_after_a_restart_returns_the_card_issued_before_it()
    {
        await using var node = await TestNode.StartAsync();
        var api = new ApiClient(() => node.Http);
        var product = await new Estate(api).DefineProductAsync();
        var key = Estate.NextKey("issue-across-restart");
        var body = new JsonObject { ["product"] = product, ["initialLoad"] = 5_000, ["activate"] = true };
        var first = (await api.PostAsync("/api/cards", body, key)).Expect(HttpStatusCode.Created);

        await node.RestartAsync();

        var again = await api.PostAsync("/api/cards", (JsonObject)body.DeepClone(), key);
        Assert.True(again.Status is HttpStatusCode.Created or HttpStatusCode.OK, again.ToString());
        Assert.Equal(first.String("card"), again.String("card")); // one card, loaded once, however often the request is retried
        Assert.True(again.Body["issue"]!["repeated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_restart_of_an_empty_node_serves_at_once()
    {
        await using var node = await TestNode.StartAsync();
        await node.RestartAsync();
        var api = new ApiClient(() => node.Http);
        (await api.GetAsync("/readyz")).Expect(HttpStatusCode.OK);
        Assert.Equal("[]", (await api.GetAsync("/api/products")).Expect(HttpStatusCode.OK).Text);
    }

    /// <summary>Every card's view and history, every merchant's and product's document, keyed by what it is.</summary>
    private static async Task<Dictionary<string, string>> ReadAllAsync(ApiClient api, string[] cards, string[] merchants, long[] products)
    {
        var all = new Dictionary<string, string>();
        foreach (var card in cards)
        {
            all["card " + card] = Comparable(await api.GetAsync($"/api/cards/{card}"));
            var page = await api.GetAsync($"/api/cards/{card}/transactions");
            all["history " + card] = page.Status != HttpStatusCode.OK ? Comparable(page)
                : string.Join("\n", (await CardSnapshot.ReadHistoryAsync(api, card, pageSize: 4)).Select(e => e.ToJsonString()));
            all["balance " + card] = Comparable(await api.GetAsync($"/api/cards/{card}/balance"));
        }

        foreach (var merchant in merchants)
        {
            all["merchant " + merchant] = (await api.GetAsync($"/api/merchants/{merchant}")).Expect(HttpStatusCode.OK).Text;
        }

        foreach (var product in products)
        {
            all["product " + product] = (await api.GetAsync($"/api/products/{product}")).Expect(HttpStatusCode.OK).Text;
        }

        all["products"] = (await api.GetAsync("/api/products")).Expect(HttpStatusCode.OK).Text;
        all["merchants"] = (await api.GetAsync("/api/merchants?limit=500")).Expect(HttpStatusCode.OK).Text;
        return all;
    }

    /// <summary>A success as its text; a problem as its status and detail (its trace id differs per request).</summary>
    private static string Comparable(ApiReply reply) =>
        reply.Status == HttpStatusCode.OK ? reply.Text : (int)reply.Status + " " + reply.Json?["detail"]?.GetValue<string>();
}
