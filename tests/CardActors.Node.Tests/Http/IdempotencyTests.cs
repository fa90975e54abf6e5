using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>A repeated Idempotency-Key gets the first answer, flagged repeated, and nothing moves twice.</summary>
public sealed class IdempotencyTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    [Fact]
    public async Task A_repeated_purchase_is_answered_with_the_first_reply_and_charged_once()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var key = Estate.NextKey("purchase");
        var first = await _estate.PurchaseAsync(card, shop, 700, key);
        Assert.False(first.Body["repeated"]!.GetValue<bool>());
        var before = await CardSnapshot.ReadAsync(_api, card);

        var second = await _estate.PurchaseAsync(card, shop, 700, key);
        var third = (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(900), key)).Expect(HttpStatusCode.OK); // a different body, the same key
        foreach (var repeat in new[] { second, third })
        {
            Assert.True(repeat.Body["repeated"]!.GetValue<bool>());
            Assert.Equal(first.String("transactionId"), repeat.String("transactionId"));
            Assert.Equal(first.String("approvalCode"), repeat.String("approvalCode"));
            Assert.Equal(700, repeat.Long("approvedAmount"));
            Assert.Equal(9_300, repeat.Main);
        }

        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_charge_once_and_all_get_the_same_answer()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var key = Estate.NextKey("concurrent");
        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(900), key)));
        Assert.All(replies, r => r.Expect(HttpStatusCode.OK));
        Assert.Single(replies.Select(r => r.String("transactionId")).Distinct());
        Assert.Single(replies, r => !r.Body["repeated"]!.GetValue<bool>());
        Assert.Equal(9_100, await _estate.MainBalanceAsync(card));
        Assert.Single(await CardSnapshot.ReadHistoryAsync(_api, card), e => e["type"]!.GetValue<string>() == "Purchased");
    }

    [Fact]
    public async Task Repeated_keys_move_money_once_for_every_kind_of_transaction()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        async Task<ApiReply> Twice(string route, JsonObject body)
        {
            var key = Estate.NextKey(route);
            var first = (await _api.PostAsync($"/api/cards/{card}/{route}", body, key)).Expect(HttpStatusCode.OK);
            var snapshot = await CardSnapshot.ReadAsync(_api, card);
            var again = (await _api.PostAsync($"/api/cards/{card}/{route}", (JsonObject)body.DeepClone(), key)).Expect(HttpStatusCode.OK);
            Assert.True(again.Body["repeated"]!.GetValue<bool>(), again.ToString());
            Assert.Equal(first.String("transactionId"), again.String("transactionId"));
            snapshot.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card));
            return first;
        }

        Assert.Equal(12_000, (await Twice("top-ups", new JsonObject { ["amount"] = 2_000, ["channel"] = "online" })).Main);
        var hold = (await Twice("authorizations", shop.Spend(3_000))).String("transactionId");
        Assert.Single((await _estate.ViewAsync(card))["holds"]!.AsArray());
        Assert.Equal(10_000, (await Twice($"authorizations/{hold}/capture", shop.Spend(2_000))).Main);
        var sale = (await Twice("purchases", shop.Spend(1_000))).String("transactionId");
        Assert.Equal(9_500, (await Twice("refunds", shop.Refund(sale, 500))).Main);
        Assert.Equal(10_000, (await Twice("reversals", new JsonObject { ["originalTransactionId"] = sale })).Main);
        Assert.Equal(10_000, await _estate.MainBalanceAsync(card));
    }

    [Fact]
    public async Task A_repeated_decline_stays_a_decline_after_the_card_changed()
    {
        var (card, shop) = await FundedCardAsync(1_000);
        var key = Estate.NextKey("declined");
        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(5_000), key)).ExpectDecline(HttpStatusCode.UnprocessableEntity, "51", "funds");
        await _estate.TopUpAsync(card, 10_000);
        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(5_000), key)).ExpectDecline(HttpStatusCode.UnprocessableEntity, "51", "funds");
        Assert.Equal(11_000, await _estate.MainBalanceAsync(card));
    }

    [Fact]
    public async Task A_repeated_purchase_gets_its_approval_back_after_the_merchant_stopped_trading()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var key = Estate.NextKey("retry-after-suspension");
        var first = await _estate.PurchaseAsync(card, shop, 1_200, key);
        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/suspend")).Expect(HttpStatusCode.OK);

        // The client never saw the first answer and retries: the money was taken, so the answer must say so.
        var retry = (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(1_200), key)).Expect(HttpStatusCode.OK);
        Assert.True(retry.Body["repeated"]!.GetValue<bool>());
        Assert.Equal(first.String("transactionId"), retry.String("transactionId"));
        Assert.Equal(8_800, await _estate.MainBalanceAsync(card));
    }

    [Fact]
    public async Task Repeated_extend_and_close_charge_and_pay_out_once()
    {
        var product = await _estate.DefineProductAsync(p => p["extension"] = new JsonObject { ["months"] = 12, ["fee"] = 200 });
        var card = await _estate.IssueAsync(product, 5_000);
        var extendKey = Estate.NextKey("extend");
        Assert.Equal(4_800, (await _api.PostAsync($"/api/cards/{card}/extend", null, extendKey)).Expect(HttpStatusCode.OK).Main);
        var expiry = (await _estate.ViewAsync(card))["expiresAt"]!.GetValue<string>();
        var again = (await _api.PostAsync($"/api/cards/{card}/extend", null, extendKey)).Expect(HttpStatusCode.OK);
        Assert.True(again.Body["repeated"]!.GetValue<bool>());
        Assert.Equal(expiry, (await _estate.ViewAsync(card))["expiresAt"]!.GetValue<string>());
        Assert.Equal(4_800, await _estate.MainBalanceAsync(card));

        var closeKey = Estate.NextKey("close");
        var closed = (await _api.PostAsync($"/api/cards/{card}/close", null, closeKey)).Expect(HttpStatusCode.OK);
        Assert.Equal(4_800, closed.Long("approvedAmount"));
        var repeated = (await _api.PostAsync($"/api/cards/{card}/close", null, closeKey)).Expect(HttpStatusCode.OK);
        Assert.True(repeated.Body["repeated"]!.GetValue<bool>());
        Assert.Equal(4_800, repeated.Long("approvedAmount"));
        Assert.Single(await CardSnapshot.ReadHistoryAsync(_api, card), e => e["type"]!.GetValue<string>() == "CardClosed");
    }

    [Fact]
    public async Task A_repeated_issue_returns_the_same_card_loaded_once()
    {
        var product = await _estate.DefineProductAsync();
        var key = Estate.NextKey("issue");
        var body = new JsonObject { ["product"] = product, ["initialLoad"] = 4_000, ["activate"] = true };
        var first = (await _api.PostAsync("/api/cards", body, key)).Expect(HttpStatusCode.Created);
        var second = await _api.PostAsync("/api/cards", (JsonObject)body.DeepClone(), key);
        Assert.True(second.Status is HttpStatusCode.Created or HttpStatusCode.OK, second.ToString());
        Assert.Equal(first.String("card"), second.String("card"));
        Assert.True(second.Body["issue"]!["repeated"]!.GetValue<bool>());
        Assert.Equal(first.Body["issue"]!["transactionId"]!.ToJsonString(), second.Body["issue"]!["transactionId"]!.ToJsonString());
        Assert.Equal(4_000, await _estate.MainBalanceAsync(first.String("card")));
        Assert.Single(await CardSnapshot.ReadHistoryAsync(_api, first.String("card")), e => e["type"]!.GetValue<string>() == "CardIssued");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long")]
    public async Task An_invalid_Idempotency_Key_is_a_validation_problem_and_moves_nothing(string key)
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var hold = (await _estate.AuthorizeAsync(card, shop, 1_000)).String("transactionId");
        var before = await CardSnapshot.ReadAsync(_api, card);
        var requests = new (string Route, JsonObject? Body)[]
        {
            ("purchases", shop.Spend(100)), ("authorizations", shop.Spend(100)), ($"authorizations/{hold}/capture", shop.Spend(100)),
            ("top-ups", new JsonObject { ["amount"] = 100 }), ("reversals", new JsonObject { ["originalTransactionId"] = hold }),
            ("extend", null), ("close", null), ("replace", null),
        };
        foreach (var (route, body) in requests)
        {
            (await _api.PostAsync($"/api/cards/{card}/{route}", body, key)).ExpectInvalid("Idempotency-Key");
        }

        (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = (await _estate.ViewAsync(card))["product"]!.GetValue<long>() }, key))
            .ExpectInvalid("Idempotency-Key");
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card));
    }

    private async Task<(string Card, Shop Shop)> FundedCardAsync(long load)
    {
        var product = await _estate.DefineProductAsync();
        var shop = await _estate.OpenShopAsync();
        return (await _estate.IssueAsync(product, load), shop);
    }
}
