using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>Freeze and unfreeze, report lost, replace, extend, close (redeem) and payment codes.</summary>
public sealed class CardLifecycleTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    [Fact]
    public async Task A_frozen_card_refuses_spending_until_it_is_unfrozen()
    {
        var product = await _estate.DefineProductAsync();
        var shop = await _estate.OpenShopAsync();
        var card = await _estate.IssueAsync(product, 5_000);

        (await _api.PostAsync($"/api/cards/{card}/freeze")).Expect(HttpStatusCode.OK);
        (await _api.PostAsync($"/api/cards/{card}/freeze")).Expect(HttpStatusCode.OK); // already frozen: approved, nothing new
        Assert.Equal("Frozen", (await _estate.ViewAsync(card))["status"]!.GetValue<string>());
        Assert.Equal(1, (await CardSnapshot.ReadHistoryAsync(_api, card)).Count(e => e["type"]!.GetValue<string>() == "CardFrozen"));

        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(100))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "62", "status");

        (await _api.PostAsync($"/api/cards/{card}/unfreeze")).Expect(HttpStatusCode.OK);
        Assert.Equal("Active", (await _estate.ViewAsync(card))["status"]!.GetValue<string>());
        Assert.Equal(4_900, (await _estate.PurchaseAsync(card, shop, 100)).Main);
    }

    [Fact]
    public async Task A_real_name_card_reported_lost_refuses_spending_and_loads_but_keeps_its_balance()
    {
        var product = await RealNameProductAsync();
        var shop = await _estate.OpenShopAsync();
        var card = await _estate.IssueAsync(product, 8_000, holder: 4_242);

        var lost = (await _api.PostAsync($"/api/cards/{card}/report-lost")).Expect(HttpStatusCode.OK);
        Assert.Equal(8_000, lost.Main);
        Assert.Equal("Lost", (await _estate.ViewAsync(card))["status"]!.GetValue<string>());
        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(100))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "41", "status");
        (await _api.PostAsync($"/api/cards/{card}/top-ups", new JsonObject { ["amount"] = 100 })).ExpectDecline(HttpStatusCode.UnprocessableEntity, "41", "status");
        (await _api.PostAsync($"/api/cards/{card}/unfreeze")).ExpectDecline(HttpStatusCode.UnprocessableEntity, "41", "status");
        Assert.Equal(8_000, await _estate.MainBalanceAsync(card));
    }

    [Fact]
    public async Task An_anonymous_card_cannot_be_reported_lost()
    {
        var card = await _estate.IssueAsync(await _estate.DefineProductAsync(), 1_000);
        var before = await CardSnapshot.ReadAsync(_api, card);
        (await _api.PostAsync($"/api/cards/{card}/report-lost")).ExpectDecline(HttpStatusCode.UnprocessableEntity, "12", "reportLost");
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card));
    }

    [Fact]
    public async Task Replacing_a_lost_card_moves_its_balance_to_the_new_card_exactly_once_and_closes_the_old()
    {
        var product = await RealNameProductAsync();
        var shop = await _estate.OpenShopAsync();
        var old = await _estate.IssueAsync(product, 12_000, holder: 9_001);
        await _estate.PurchaseAsync(card: old, shop, 2_000);
        (await _api.PostAsync($"/api/cards/{old}/report-lost")).Expect(HttpStatusCode.OK);
        var key = Estate.NextKey("replace");

        var replaced = (await _api.PostAsync($"/api/cards/{old}/replace", null, key)).Expect(HttpStatusCode.OK);
        Assert.Equal(old, replaced.String("oldCard"));
        var fresh = replaced.String("newCard");
        Assert.NotEqual(old, fresh);
        Assert.Matches("^[0-9A-F]{16}$", replaced.String("transferId"));
        Assert.Equal("Completed", replaced.String("outcome"));

        var again = (await _api.PostAsync($"/api/cards/{old}/replace", null, key)).Expect(HttpStatusCode.OK);
        Assert.Equal(fresh, again.String("newCard"));
        Assert.Equal(replaced.String("transferId"), again.String("transferId"));

        var oldView = await _estate.ViewAsync(old);
        Assert.Equal("Closed", oldView["status"]!.GetValue<string>());
        Assert.Equal("""{"main":0,"bonus":0,"available":0}""", oldView["balances"]!.ToJsonString());
        Assert.Null(oldView["pendingTransfer"]);
        var newView = await _estate.ViewAsync(fresh);
        Assert.Equal("Active", newView["status"]!.GetValue<string>());
        Assert.Equal(product, newView["product"]!.GetValue<long>());
        Assert.Equal("""{"main":10000,"bonus":0,"available":10000}""", newView["balances"]!.ToJsonString());
        var received = (await CardSnapshot.ReadHistoryAsync(_api, fresh)).Where(e => e["type"]!.GetValue<string>() == "TransferReceived").ToArray();
        Assert.Single(received);
        Assert.Equal(10_000, received[0]["amount"]!.GetValue<long>());

        (await _api.PostAsync($"/api/cards/{old}/replace", null, Estate.NextKey("replace"))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "62", "status");
        Assert.Equal(9_000, (await _estate.PurchaseAsync(fresh, shop, 1_000)).Main);
    }

    [Fact]
    public async Task Extending_a_card_pushes_its_expiry_by_the_products_months_and_charges_the_fee()
    {
        var product = await _estate.DefineProductAsync(p => p["extension"] = new JsonObject { ["months"] = 6, ["fee"] = 300 });
        var card = await _estate.IssueAsync(product, 1_000);
        var before = Instant((await _estate.ViewAsync(card))["expiresAt"]!);

        var extended = (await _api.PostAsync($"/api/cards/{card}/extend")).Expect(HttpStatusCode.OK);
        Assert.Equal(300, extended.Long("approvedAmount"));
        Assert.Equal(700, extended.Main);
        var view = await _estate.ViewAsync(card);
        Assert.Equal(before.AddMonths(6), Instant(view["expiresAt"]!), TimeSpan.FromDays(1));
        Assert.Equal(700, view["balances"]!["main"]!.GetValue<long>());
        Assert.Contains(await CardSnapshot.ReadHistoryAsync(_api, card), e => e["type"]!.GetValue<string>() == "CardExtended");
    }

    [Fact]
    public async Task A_product_without_extension_refuses_it()
    {
        var product = await _estate.DefineProductAsync(p => p["noExtension"] = true);
        var card = await _estate.IssueAsync(product, 1_000);
        var before = await CardSnapshot.ReadAsync(_api, card);
        var reply = await _api.PostAsync($"/api/cards/{card}/extend");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        reply.ExpectProblem(HttpStatusCode.UnprocessableEntity, reply.Body["field"]!.GetValue<string>());
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);
    }

    [Fact]
    public async Task Closing_a_card_pays_out_the_customer_money_and_forfeits_the_bonus()
    {
        var product = await _estate.DefineProductAsync();
        var card = await _estate.IssueAsync(product, 6_000);
        await Promotions.GrantBonusAsync(fixture.Node, card, 1_500, TimeSpan.FromDays(30));
        Assert.Equal("""{"main":6000,"bonus":1500,"available":7500}""", (await _estate.ViewAsync(card))["balances"]!.ToJsonString());

        var closed = (await _api.PostAsync($"/api/cards/{card}/close")).Expect(HttpStatusCode.OK);
        Assert.Equal(6_000, closed.Long("approvedAmount")); // redeemed: customer money only
        var view = await _estate.ViewAsync(card);
        Assert.Equal("Closed", view["status"]!.GetValue<string>());
        Assert.Equal("""{"main":0,"bonus":0,"available":0}""", view["balances"]!.ToJsonString());
        Assert.Empty(view["bonusLots"]!.AsArray());
        Assert.Equal("CardClosed", (await CardSnapshot.ReadHistoryAsync(_api, card))[^1]["type"]!.GetValue<string>());

        (await _api.PostAsync($"/api/cards/{card}/top-ups", new JsonObject { ["amount"] = 100 })).ExpectDecline(HttpStatusCode.UnprocessableEntity, "62", "status");
        (await _api.PostAsync($"/api/cards/{card}/close")).ExpectDecline(HttpStatusCode.UnprocessableEntity, "62", "status");
    }

    [Fact]
    public async Task A_card_with_an_open_hold_cannot_be_closed()
    {
        var product = await _estate.DefineProductAsync();
        var shop = await _estate.OpenShopAsync();
        var card = await _estate.IssueAsync(product, 6_000);
        await _estate.AuthorizeAsync(card, shop, 1_000);
        var before = await CardSnapshot.ReadAsync(_api, card);
        (await _api.PostAsync($"/api/cards/{card}/close")).ExpectDecline(HttpStatusCode.UnprocessableEntity, "05", "holds");
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);
    }

    [Fact]
    public async Task An_active_card_gets_short_lived_single_use_payment_codes()
    {
        var card = await _estate.IssueAsync(await _estate.DefineProductAsync(), 1_000);
        var first = (await _api.PostAsync($"/api/cards/{card}/payment-codes")).Expect(HttpStatusCode.Created);
        var second = (await _api.PostAsync($"/api/cards/{card}/payment-codes")).Expect(HttpStatusCode.Created);
        Assert.NotEqual(first.String("code"), second.String("code"));
        Assert.Matches("^[A-Z0-9]{8,32}$", first.String("code"));
        var expires = Instant(first.Body["expiresAt"]!);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(card, first.Text);
    }

    [Fact]
    public async Task A_card_that_is_not_active_gets_no_payment_code()
    {
        var product = await _estate.DefineProductAsync();
        var issued = await _estate.IssueAsync(product, 1_000, activate: false);
        (await _api.PostAsync($"/api/cards/{issued}/payment-codes")).ExpectProblem(HttpStatusCode.UnprocessableEntity, "card");
        var frozen = await _estate.IssueAsync(product, 1_000);
        (await _api.PostAsync($"/api/cards/{frozen}/freeze")).Expect(HttpStatusCode.OK);
        (await _api.PostAsync($"/api/cards/{frozen}/payment-codes")).ExpectProblem(HttpStatusCode.UnprocessableEntity, "card");
    }

    private Task<long> RealNameProductAsync() =>
        _estate.DefineProductAsync(p => { p["identity"] = "realName"; p["noExpiry"] = true; p.Remove("validityMonths"); });

    private static DateTimeOffset Instant(JsonNode text) => DateTimeOffset.Parse(text.GetValue<string>(), CultureInfo.InvariantCulture);
}
