using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>/api/products: define, revise, list and read card products.</summary>
public sealed class ProductApiTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task A_defined_product_reads_back_with_every_term_and_the_defaults_filled_in()
    {
        var id = Estate.NextProductId();
        var created = (await _api.PostAsync("/api/products", new JsonObject
        {
            ["id"] = id, ["name"] = "Campus card", ["identity"] = "anonymous", ["denominations"] = new JsonArray(5_000, 10_000),
            ["validityMonths"] = 24, ["perTransactionLimit"] = 50_000, ["dailyAmountLimit"] = 80_000, ["dailyCountLimit"] = 20,
            ["scope"] = new JsonObject { ["categories"] = new JsonArray(5812, 5411) }, ["spendingOrder"] = "bonusFirst",
            ["extension"] = new JsonObject { ["months"] = 6, ["fee"] = 500 }, ["dormancyMonths"] = 18,
        })).Expect(HttpStatusCode.Created).Body;

        var read = (await _api.GetAsync($"/api/products/{id}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(created.ToJsonString(), read.ToJsonString());
        Assert.Equal(id, read["id"]!.GetValue<long>());
        Assert.Equal("Campus card", read["name"]!.GetValue<string>());
        Assert.Equal(156, read["currency"]!.GetValue<int>());
        Assert.Equal("[5000,10000]", read["denominations"]!.ToJsonString());
        Assert.Equal(100_000, read["balanceCap"]!.GetValue<long>()); // the anonymous cap: 1,000 yuan
        Assert.Equal(24, read["validityMonths"]!.GetValue<int>());
        Assert.False(read["noExpiry"]!.GetValue<bool>());
        Assert.Equal(50_000, read["perTransactionLimit"]!.GetValue<long>());
        Assert.Equal(80_000, read["dailyAmountLimit"]!.GetValue<long>());
        Assert.Equal(20, read["dailyCountLimit"]!.GetValue<int>());
        Assert.Equal("[5812,5411]", read["scope"]!["categories"]!.ToJsonString());
        Assert.Equal("bonusFirst", read["spendingOrder"]!.GetValue<string>());
        Assert.Equal(168, read["holdExpiryHours"]!.GetValue<int>());
        Assert.Equal(24, read["idempotencyWindowHours"]!.GetValue<int>());
        Assert.Equal(30, read["refundWindowDays"]!.GetValue<int>());
        Assert.Equal(6, read["extension"]!["months"]!.GetValue<int>());
        Assert.Equal(500, read["extension"]!["fee"]!.GetValue<long>());
        Assert.Equal(18, read["dormancyMonths"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_real_name_product_may_never_expire_and_has_the_higher_cap()
    {
        var id = Estate.NextProductId();
        var read = (await _api.PostAsync("/api/products", new JsonObject { ["id"] = id, ["name"] = "Community", ["identity"] = "realName", ["noExpiry"] = true }))
            .Expect(HttpStatusCode.Created).Body;
        Assert.Equal("realName", read["identity"]!.GetValue<string>());
        Assert.True(read["noExpiry"]!.GetValue<bool>());
        Assert.Null(read["validityMonths"]);
        Assert.Equal(500_000, read["balanceCap"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_revision_changes_the_terms_and_applies_to_the_next_operation()
    {
        var id = await fixture.Estate.DefineProductAsync(p => p["perTransactionLimit"] = 10_000);
        var shop = await fixture.Estate.OpenShopAsync();
        var card = await fixture.Estate.IssueAsync(id, 50_000);
        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(8_000))).Expect(HttpStatusCode.OK);

        var revised = (await _api.PutAsync($"/api/products/{id}", new JsonObject
        {
            ["name"] = "Renamed", ["identity"] = "anonymous", ["validityMonths"] = 12, ["perTransactionLimit"] = 5_000,
        })).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(id, revised["id"]!.GetValue<long>());
        Assert.Equal("Renamed", revised["name"]!.GetValue<string>());
        Assert.Equal(5_000, revised["perTransactionLimit"]!.GetValue<long>());
        Assert.Equal(revised.ToJsonString(), (await _api.GetAsync($"/api/products/{id}")).Expect(HttpStatusCode.OK).Body.ToJsonString());

        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(8_000))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "61", "perTransactionLimit");
        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(5_000))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revision_that_repeats_the_body_id_is_accepted_and_an_identical_one_changes_nothing()
    {
        var id = await fixture.Estate.DefineProductAsync();
        var body = new JsonObject { ["id"] = id, ["name"] = "HTTP test product " + id, ["identity"] = "anonymous", ["validityMonths"] = 12 };
        var first = (await _api.PutAsync($"/api/products/{id}", body)).Expect(HttpStatusCode.OK).Body;
        var second = (await _api.PutAsync($"/api/products/{id}", body.DeepClone())).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public async Task The_list_holds_every_product_in_id_order()
    {
        var a = await fixture.Estate.DefineProductAsync();
        var b = await fixture.Estate.DefineProductAsync();
        var list = (await _api.GetAsync("/api/products")).Expect(HttpStatusCode.OK).Body.AsArray();
        var ids = list.Select(p => p!["id"]!.GetValue<long>()).ToArray();
        Assert.Contains(a, ids);
        Assert.Contains(b, ids);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Distinct().Count(), ids.Length);
    }

    [Fact]
    public async Task A_second_definition_of_an_id_is_a_conflict_and_leaves_the_first()
    {
        var id = await fixture.Estate.DefineProductAsync();
        var before = (await _api.GetAsync($"/api/products/{id}")).Expect(HttpStatusCode.OK).Text;
        (await _api.PostAsync("/api/products", new JsonObject { ["id"] = id, ["name"] = "Again", ["identity"] = "anonymous" }))
            .ExpectProblem(HttpStatusCode.Conflict, "id");
        Assert.Equal(before, (await _api.GetAsync($"/api/products/{id}")).Expect(HttpStatusCode.OK).Text);
    }

    [Fact]
    public async Task Revising_an_unknown_product_is_a_404_and_defines_nothing()
    {
        var id = Estate.NextProductId();
        (await _api.PutAsync($"/api/products/{id}", new JsonObject { ["name"] = "Ghost" })).ExpectProblem(HttpStatusCode.NotFound, "id");
        (await _api.GetAsync($"/api/products/{id}")).ExpectProblem(HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task A_revision_may_not_change_identity_or_currency_or_name_another_id()
    {
        var id = await fixture.Estate.DefineProductAsync();
        var before = (await _api.GetAsync($"/api/products/{id}")).Expect(HttpStatusCode.OK).Text;
        (await _api.PutAsync($"/api/products/{id}", new JsonObject { ["name"] = "n", ["identity"] = "realName" })).ExpectInvalid("identity");
        (await _api.PutAsync($"/api/products/{id}", new JsonObject { ["id"] = id + 1, ["name"] = "n" })).ExpectInvalid("id");
        Assert.Equal(before, (await _api.GetAsync($"/api/products/{id}")).Expect(HttpStatusCode.OK).Text);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4294967296")]
    [InlineData("abc")]
    [InlineData("-7")]
    public async Task A_product_number_in_the_path_that_is_not_one_is_refused_with_a_problem(string id)
    {
        var read = await _api.GetAsync($"/api/products/{id}");
        Assert.True(read.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, read.ToString());
        read.ExpectProblem(read.Status, "id");

        var revise = await _api.PutAsync($"/api/products/{id}", new JsonObject { ["name"] = "n" });
        Assert.True(revise.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, revise.ToString());
        revise.ExpectProblem(revise.Status, "id");
    }
}
