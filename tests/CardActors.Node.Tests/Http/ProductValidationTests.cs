using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>Every product term refused when it is wrong, under the request's own field name, and nothing defined.</summary>
public sealed class ProductValidationTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;

    /// <summary>A JSON fragment merged into a valid definition, and the field the refusal must name.</summary>
    public static TheoryData<string, string> InvalidTerms => new()
    {
        { """{"name":null}""", "name" },
        { """{"name":"   "}""", "name" },
        { """{"identity":"company"}""", "identity" },
        { """{"currency":0}""", "currency" },
        { """{"currency":1000}""", "currency" },
        { """{"currency":840}""", "currency" },
        { """{"spendingOrder":"random"}""", "spendingOrder" },
        { """{"denominations":[0]}""", "denominations" },
        { """{"denominations":[-500]}""", "denominations" },
        { """{"denominations":[200000]}""", "denominations" },
        { """{"balanceCap":0}""", "balanceCap" },
        { """{"balanceCap":-1}""", "balanceCap" },
        { """{"validityMonths":0}""", "validityMonths" },
        { """{"validityMonths":241}""", "validityMonths" },
        { """{"noExpiry":true}""", "noExpiry" },
        { """{"perTransactionLimit":0}""", "perTransactionLimit" },
        { """{"dailyAmountLimit":-3}""", "dailyAmountLimit" },
        { """{"dailyCountLimit":0}""", "dailyCountLimit" },
        { """{"holdExpiryHours":0}""", "holdExpiryHours" },
        { """{"holdExpiryHours":745}""", "holdExpiryHours" },
        { """{"holdExpiryHours":2147483647}""", "holdExpiryHours" },
        { """{"idempotencyWindowHours":-1}""", "idempotencyWindowHours" },
        { """{"idempotencyWindowHours":169}""", "idempotencyWindowHours" },
        { """{"idempotencyWindowHours":-2147483648}""", "idempotencyWindowHours" },
        { """{"refundWindowDays":0}""", "refundWindowDays" },
        { """{"refundWindowDays":367}""", "refundWindowDays" },
        { """{"refundWindowDays":2147483647}""", "refundWindowDays" },
        { """{"extension":{"months":0}}""", "extension.months" },
        { """{"extension":{"months":121}}""", "extension.months" },
        { """{"extension":{"fee":-1}}""", "extension.fee" },
        { """{"dormancyMonths":0}""", "dormancyMonths" },
        { """{"scope":{"categories":[12000]}}""", "scope.categories[0]" },
        { """{"scope":{"groups":[1,-1]}}""", "scope.groups[1]" },
        { """{"scope":{"projects":[4294967296]}}""", "scope.projects[0]" },
        { """{"validtyMonths":12}""", "validtyMonths" },
        { """{"scope":{"category":[5812]}}""", "scope.category" },
        { """{"balanceCap":"100000"}""", "balanceCap" },
        { """{"balanceCap":1000.5}""", "balanceCap" },
        { """{"name":42}""", "name" },
        { """{"denominations":5000}""", "denominations" },
        { """{"noExpiry":"yes"}""", "noExpiry" },
    };

    [Theory]
    [MemberData(nameof(InvalidTerms))]
    public async Task A_wrong_term_is_a_validation_problem_naming_its_field_and_defines_nothing(string fragment, string field)
    {
        var id = Estate.NextProductId();
        var body = new JsonObject { ["id"] = id, ["name"] = "Valid name", ["identity"] = "anonymous", ["validityMonths"] = 12 };
        foreach (var (name, value) in JsonNode.Parse(fragment)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        (await _api.PostAsync("/api/products", body)).ExpectInvalid(field);
        (await _api.GetAsync($"/api/products/{id}")).ExpectProblem(HttpStatusCode.NotFound, "id");
    }

    [Theory]
    [InlineData("""{"name":"No id"}""")]
    [InlineData("""{"id":0,"name":"Zero"}""")]
    [InlineData("""{"id":-1,"name":"Negative"}""")]
    [InlineData("""{"id":4294967296,"name":"Too large"}""")]
    [InlineData("""{"id":"17","name":"Text"}""")]
    public async Task A_missing_or_impossible_product_number_is_refused(string json)
    {
        var reply = await _api.SendRawAsync(HttpMethod.Post, "/api/products", json, "application/json");
        reply.ExpectInvalid("id");
    }

    [Fact]
    public async Task Every_problem_of_a_definition_is_reported_at_once()
    {
        var reply = await _api.PostAsync("/api/products", new JsonObject
        {
            ["id"] = Estate.NextProductId(), ["name"] = "", ["identity"] = "x", ["spendingOrder"] = "y",
        });
        var problem = reply.ExpectInvalid("name");
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("identity"), reply.Text);
        Assert.True(errors.ContainsKey("spendingOrder"), reply.Text);
    }

    [Fact]
    public async Task A_revision_with_a_wrong_term_leaves_the_product_as_it_was()
    {
        var id = await fixture.Estate.DefineProductAsync();
        var before = (await _api.GetAsync($"/api/products/{id}")).Expect(HttpStatusCode.OK).Text;
        (await _api.PutAsync($"/api/products/{id}", new JsonObject { ["name"] = "n", ["holdExpiryHours"] = 100_000 })).ExpectInvalid("holdExpiryHours");
        (await _api.PutAsync($"/api/products/{id}", new JsonObject { ["name"] = "n", ["balanceCap"] = 0 })).ExpectInvalid("balanceCap");
        Assert.Equal(before, (await _api.GetAsync($"/api/products/{id}")).Expect(HttpStatusCode.OK).Text);
    }

    [Theory]
    [InlineData("{\"id\":1,", "application/json", HttpStatusCode.BadRequest, "body")]
    [InlineData("", "application/json", HttpStatusCode.BadRequest, "body")]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest, "body")]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest, "body")]
    [InlineData("{\"id\":1,\"name\":\"x\"}", "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    [InlineData("{\"id\":1,\"name\":\"x\"}", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    [InlineData("{\"id\":1,\"name\":\"x\"}", null, HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    public async Task A_body_that_is_not_a_JSON_object_is_refused_plainly(string text, string? contentType, HttpStatusCode status, string field)
    {
        (await _api.SendRawAsync(HttpMethod.Post, "/api/products", text, contentType)).ExpectProblem(status, field);
    }
}
