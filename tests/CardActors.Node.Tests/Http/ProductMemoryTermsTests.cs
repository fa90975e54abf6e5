using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>
/// The card-memory terms of a product through the API (recentMemory, saleMemory, maxOpenHolds):
/// optional with the domain's defaults, validated by the product's own rules under their API names,
/// and copied into each card at issue.
/// </summary>
public sealed class ProductMemoryTermsTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    [Fact]
    public async Task Memory_terms_read_back_as_set_and_default_to_32_when_absent()
    {
        var set = await _estate.DefineProductAsync(p => { p["recentMemory"] = 8; p["saleMemory"] = 16; p["maxOpenHolds"] = 2; });
        var read = (await _api.GetAsync($"/api/products/{set}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal((8, 16, 2), (read["recentMemory"]!.GetValue<int>(), read["saleMemory"]!.GetValue<int>(), read["maxOpenHolds"]!.GetValue<int>()));

        var plain = await _estate.DefineProductAsync();
        var standard = (await _api.GetAsync($"/api/products/{plain}")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal((32, 32, 32), (standard["recentMemory"]!.GetValue<int>(), standard["saleMemory"]!.GetValue<int>(), standard["maxOpenHolds"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("recentMemory", 3)]
    [InlineData("recentMemory", 257)]
    [InlineData("saleMemory", 0)]
    [InlineData("saleMemory", 1_000)]
    [InlineData("maxOpenHolds", 0)]
    [InlineData("maxOpenHolds", 1_025)]
    public async Task A_memory_term_out_of_range_is_a_validation_problem_naming_it_and_defines_nothing(string field, int value)
    {
        var id = Estate.NextProductId();
        var body = new JsonObject { ["id"] = id, ["name"] = "Memory " + id, ["identity"] = "anonymous", ["validityMonths"] = 12, [field] = value };
        (await _api.PostAsync("/api/products", body)).ExpectInvalid(field);
        (await _api.GetAsync($"/api/products/{id}")).ExpectProblem(HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task Every_wrong_memory_term_is_reported_at_once()
    {
        var problem = (await _api.PostAsync("/api/products", new JsonObject
        {
            ["id"] = Estate.NextProductId(), ["name"] = "All wrong", ["identity"] = "anonymous", ["validityMonths"] = 12,
            ["recentMemory"] = 1, ["saleMemory"] = 300, ["maxOpenHolds"] = -1,
        })).ExpectInvalid("recentMemory");
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("saleMemory") && errors.ContainsKey("maxOpenHolds"), problem.ToJsonString());
    }

    [Fact]
    public async Task A_card_keeps_the_open_hold_limit_of_its_issue_when_the_product_is_revised()
    {
        var product = await _estate.DefineProductAsync(p => p["maxOpenHolds"] = 2);
        var shop = await _estate.OpenShopAsync();
        var before = await _estate.IssueAsync(product, 10_000);
        await _estate.AuthorizeAsync(before, shop, 100);
        await _estate.AuthorizeAsync(before, shop, 100);
        (await _api.PostAsync($"/api/cards/{before}/authorizations", shop.Spend(100))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "65", "holds");

        (await _api.PutAsync($"/api/products/{product}", new JsonObject
        {
            ["name"] = "Three holds", ["identity"] = "anonymous", ["validityMonths"] = 12, ["maxOpenHolds"] = 3,
        })).Expect(HttpStatusCode.OK);
        (await _api.PostAsync($"/api/cards/{before}/authorizations", shop.Spend(100))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "65", "holds");

        var after = await _estate.IssueAsync(product, 10_000);
        for (var i = 0; i < 3; i++)
        {
            await _estate.AuthorizeAsync(after, shop, 100);
        }

        (await _api.PostAsync($"/api/cards/{after}/authorizations", shop.Spend(100))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "65", "holds");
    }
}
