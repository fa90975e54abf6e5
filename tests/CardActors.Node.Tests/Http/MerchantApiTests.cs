using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>/api/merchants: registration, profile, status, settlement terms, account manager, terminals and MAC keys.</summary>
public sealed class MerchantApiTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task A_registered_merchant_reads_back_with_its_terms_and_the_cycles_default_fee()
    {
        var id = Estate.NextMerchantId();
        var created = (await _api.PostAsync("/api/merchants", new JsonObject
        {
            ["id"] = id, ["name"] = "North canteen", ["category"] = 5812, ["group"] = 3, ["projects"] = new JsonArray(10, 11),
            ["settlementCycle"] = "weekly", ["accountManager"] = 77,
        })).Expect(HttpStatusCode.Created).Body;
        var view = (await _api.GetAsync($"/api/merchants/{id}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(created.ToJsonString(), view.ToJsonString());
        Assert.Equal(id, view["id"]!.GetValue<string>());
        Assert.Equal("North canteen", view["name"]!.GetValue<string>());
        Assert.Equal("Active", view["status"]!.GetValue<string>());
        Assert.Equal(5812, view["category"]!.GetValue<int>());
        Assert.Equal(3, view["group"]!.GetValue<long>());
        Assert.Equal("[10,11]", view["projects"]!.ToJsonString());
        Assert.Empty(view["terminals"]!.AsArray());
        Assert.Equal("weekly", view["settlementCycle"]!.GetValue<string>());
        Assert.Equal(30, view["feeRateBasisPoints"]!.GetValue<int>()); // weekly: 0.3 %
        Assert.Equal(77, view["accountManager"]!.GetValue<long>());
        Assert.Equal(1, view["version"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(null, "daily", 50)]
    [InlineData("daily", "daily", 50)]
    [InlineData("monthly", "monthly", 0)]
    public async Task Each_settlement_cycle_has_its_default_fee(string? cycle, string expected, int fee)
    {
        var body = new JsonObject { ["id"] = Estate.NextMerchantId(), ["name"] = "Shop", ["category"] = 5411 };
        if (cycle is not null)
        {
            body["settlementCycle"] = cycle;
        }

        var view = (await _api.PostAsync("/api/merchants", body)).Expect(HttpStatusCode.Created).Body;
        Assert.Equal(expected, view["settlementCycle"]!.GetValue<string>());
        Assert.Equal(fee, view["feeRateBasisPoints"]!.GetValue<int>());
    }

    [Fact]
    public async Task Profile_settlement_cycle_and_account_manager_change_and_each_change_is_a_version()
    {
        var shop = await fixture.Estate.OpenShopAsync();
        var version = (await View(shop.MerchantId))["version"]!.GetValue<long>();

        var profile = (await _api.PutAsync($"/api/merchants/{shop.MerchantId}/profile", new JsonObject
        {
            ["name"] = "Renamed", ["category"] = 5411, ["group"] = 9, ["projects"] = new JsonArray(4),
        })).Expect(HttpStatusCode.OK).Body;
        Assert.Equal("Renamed", profile["name"]!.GetValue<string>());
        Assert.Equal(5411, profile["category"]!.GetValue<int>());
        Assert.Equal(9, profile["group"]!.GetValue<long>());
        Assert.Equal("[4]", profile["projects"]!.ToJsonString());
        Assert.Equal(version + 1, profile["version"]!.GetValue<long>());

        var cycle = (await _api.PutAsync($"/api/merchants/{shop.MerchantId}/settlement-cycle", new JsonObject { ["settlementCycle"] = "monthly", ["feeRateBasisPoints"] = 15 }))
            .Expect(HttpStatusCode.OK).Body;
        Assert.Equal("monthly", cycle["settlementCycle"]!.GetValue<string>());
        Assert.Equal(15, cycle["feeRateBasisPoints"]!.GetValue<int>());

        var manager = (await _api.PutAsync($"/api/merchants/{shop.MerchantId}/account-manager", new JsonObject { ["accountManager"] = 4_242 })).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(4_242, manager["accountManager"]!.GetValue<long>());
        Assert.Equal(version + 3, manager["version"]!.GetValue<long>());
        Assert.Equal(manager.ToJsonString(), (await View(shop.MerchantId)).ToJsonString());
    }

    [Fact]
    public async Task A_merchant_is_suspended_reactivated_and_closed_for_good()
    {
        var shop = await fixture.Estate.OpenShopAsync();
        Assert.Equal("Suspended", (await Post($"/api/merchants/{shop.MerchantId}/suspend"))["status"]!.GetValue<string>());
        Assert.Equal("Suspended", (await Post($"/api/merchants/{shop.MerchantId}/suspend"))["status"]!.GetValue<string>());
        Assert.Equal("Active", (await Post($"/api/merchants/{shop.MerchantId}/reactivate"))["status"]!.GetValue<string>());
        Assert.Equal("Closed", (await Post($"/api/merchants/{shop.MerchantId}/close"))["status"]!.GetValue<string>());
        var closed = await View(shop.MerchantId);

        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/reactivate")).ExpectProblem(HttpStatusCode.UnprocessableEntity, "status");
        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/terminals", new JsonObject { ["terminalId"] = Estate.NextTerminalId() }))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "status");
        Assert.Equal(closed.ToJsonString(), (await View(shop.MerchantId)).ToJsonString());
    }

    [Fact]
    public async Task The_list_pages_through_merchants_in_id_order()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await fixture.Estate.OpenShopAsync()).MerchantId);
        }

        var all = (await _api.GetAsync("/api/merchants?limit=500")).Expect(HttpStatusCode.OK).Body.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Superset(ids.ToHashSet(), all.ToHashSet());

        var paged = new List<string>();
        string? after = null;
        while (true)
        {
            var page = (await _api.GetAsync("/api/merchants?limit=2" + (after is null ? "" : "&after=" + after))).Expect(HttpStatusCode.OK).Body.AsArray();
            Assert.True(page.Count <= 2);
            if (page.Count == 0)
            {
                break;
            }

            paged.AddRange(page.Select(m => m!["id"]!.GetValue<string>()));
            after = paged[^1];
        }

        Assert.Equal(all.Where(id => string.CompareOrdinal(id, ids[^1]) <= 0), paged.Where(id => string.CompareOrdinal(id, ids[^1]) <= 0));
        Assert.Equal(paged.Distinct().Count(), paged.Count);
    }

    [Fact]
    public async Task A_terminal_gets_its_MAC_key_which_rotates_to_a_new_version_and_the_previous_one_retires()
    {
        var shop = await fixture.Estate.OpenShopAsync();
        Assert.Matches("^[0-9A-F]{64}$", shop.MacKey);
        var terminal = Assert.Single((await View(shop.MerchantId))["terminals"]!.AsArray())!;
        Assert.Equal(shop.TerminalId, terminal["terminalId"]!.GetValue<string>());
        Assert.Equal(1, terminal["keyVersion"]!.GetValue<int>());
        Assert.Equal(0, terminal["previousKeyVersion"]!.GetValue<int>());

        var rotated = (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/terminals/{shop.TerminalId}/mac-key")).Expect(HttpStatusCode.OK);
        Assert.Equal(shop.TerminalId, rotated.String("terminalId"));
        Assert.Equal(2, rotated.Long("keyVersion"));
        Assert.Matches("^[0-9A-F]{64}$", rotated.String("macKey"));
        Assert.NotEqual(shop.MacKey, rotated.String("macKey"));
        terminal = (await View(shop.MerchantId))["terminals"]![0]!;
        Assert.Equal(2, terminal["keyVersion"]!.GetValue<int>());
        Assert.Equal(1, terminal["previousKeyVersion"]!.GetValue<int>());

        var retired = await Post($"/api/merchants/{shop.MerchantId}/terminals/{shop.TerminalId}/mac-key/retire-previous");
        Assert.Equal(0, retired["terminals"]![0]!["previousKeyVersion"]!.GetValue<int>());
        Assert.Equal(2, retired["terminals"]![0]!["keyVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_removed_terminal_is_gone_and_when_added_again_never_gets_an_old_key_back()
    {
        var shop = await fixture.Estate.OpenShopAsync();
        var second = Estate.NextTerminalId();
        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/terminals", new JsonObject { ["terminalId"] = second })).Expect(HttpStatusCode.Created);
        var removed = (await _api.DeleteAsync($"/api/merchants/{shop.MerchantId}/terminals/{shop.TerminalId}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal([second], removed["terminals"]!.AsArray().Select(t => t!["terminalId"]!.GetValue<string>()));

        var product = await fixture.Estate.DefineProductAsync();
        var card = await fixture.Estate.IssueAsync(product, 1_000);
        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(100))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "terminalId");

        var again = (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/terminals", new JsonObject { ["terminalId"] = shop.TerminalId })).Expect(HttpStatusCode.Created);
        Assert.Equal(2, again.Long("keyVersion"));
        Assert.NotEqual(shop.MacKey, again.String("macKey"));
        Assert.Equal(900, (await fixture.Estate.PurchaseAsync(card, shop, 100)).Main);
    }

    private async Task<JsonNode> View(string merchant) => (await _api.GetAsync($"/api/merchants/{merchant}")).Expect(HttpStatusCode.OK).Body;

    private async Task<JsonNode> Post(string path) => (await _api.PostAsync(path)).Expect(HttpStatusCode.OK).Body;
}
