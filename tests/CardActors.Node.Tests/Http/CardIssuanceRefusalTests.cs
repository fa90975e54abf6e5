using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>Issue requests that are refused: each names its fault, and no card number is handed out for it.</summary>
public sealed class CardIssuanceRefusalTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    /// <summary>A fragment merged into a valid single issue ({P}: an anonymous product), and the field the refusal names.</summary>
    public static TheoryData<string, string> InvalidIssues => new()
    {
        { """{"product":null}""", "product" },
        { """{"product":0}""", "product" },
        { """{"product":-3}""", "product" },
        { """{"product":4294967296}""", "product" },
        { """{"product":"{P}"}""", "product" },
        { """{"initialLoad":-100}""", "initialLoad" },
        { """{"initialLoad":"100"}""", "initialLoad" },
        { """{"holder":-1}""", "holder" },
        { """{"activate":"yes"}""", "activate" },
        { """{"activte":true}""", "activte" },
    };

    [Theory]
    [MemberData(nameof(InvalidIssues))]
    public async Task A_malformed_issue_is_a_validation_problem_naming_its_field(string fragment, string field)
    {
        var product = await _estate.DefineProductAsync();
        var body = new JsonObject { ["product"] = product, ["initialLoad"] = 1_000 };
        foreach (var (name, value) in JsonNode.Parse(fragment.Replace("{P}", product.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var before = await NextIssuedNumberAsync(product);
        (await _api.PostAsync("/api/cards", body)).ExpectInvalid(field);
        Assert.Equal(1L, Distance(before, await NextIssuedNumberAsync(product)));
    }

    [Fact]
    public async Task A_product_that_is_not_defined_issues_no_card()
    {
        var undefined = Estate.NextProductId();
        (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = undefined })).ExpectProblem(HttpStatusCode.UnprocessableEntity, "product");
        (await _api.PostAsync("/api/cards/bulk", new JsonObject { ["product"] = undefined, ["count"] = 5 })).ExpectProblem(HttpStatusCode.UnprocessableEntity, "product");
    }

    [Fact]
    public async Task A_real_name_product_needs_a_holder_and_an_anonymous_one_takes_none()
    {
        var realName = await _estate.DefineProductAsync(p => { p["identity"] = "realName"; p["noExpiry"] = true; p.Remove("validityMonths"); });
        (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = realName, ["initialLoad"] = 1_000 }))
            .ExpectDecline(HttpStatusCode.UnprocessableEntity, "12", "holder");
        var anonymous = await _estate.DefineProductAsync();
        (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = anonymous, ["holder"] = 17 }))
            .ExpectDecline(HttpStatusCode.UnprocessableEntity, "12", "holder");
    }

    [Theory]
    [InlineData("""{"count":0}""", "count")]
    [InlineData("""{"count":-1}""", "count")]
    [InlineData("""{"count":10001}""", "count")]
    [InlineData("""{"count":null}""", "count")]
    [InlineData("""{"count":"5"}""", "count")]
    [InlineData("""{"count":2.5}""", "count")]
    [InlineData("""{"initialLoad":-1}""", "initialLoad")]
    [InlineData("""{"product":null}""", "product")]
    [InlineData("""{"cards":5}""", "cards")]
    public async Task A_bulk_order_out_of_range_is_a_validation_problem_and_issues_nothing(string fragment, string field)
    {
        var product = await _estate.DefineProductAsync();
        var body = new JsonObject { ["product"] = product, ["count"] = 3 };
        foreach (var (name, value) in JsonNode.Parse(fragment)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var before = await NextIssuedNumberAsync(product);
        (await _api.PostAsync("/api/cards/bulk", body)).ExpectInvalid(field);
        Assert.Equal(1L, Distance(before, await NextIssuedNumberAsync(product)));
    }

    [Theory]
    [InlineData("/api/cards")]
    [InlineData("/api/cards/bulk")]
    public async Task An_issue_that_is_not_JSON_is_refused_plainly(string path)
    {
        (await _api.SendRawAsync(HttpMethod.Post, path, "product=1", "application/x-www-form-urlencoded")).ExpectProblem(HttpStatusCode.UnsupportedMediaType, "Content-Type");
        (await _api.SendRawAsync(HttpMethod.Post, path, "{\"product\":", "application/json")).ExpectInvalid("body");
    }

    /// <summary>Issues a probe card and returns its number: two probes one apart show that nothing was issued between them.</summary>
    private async Task<string> NextIssuedNumberAsync(long product) => await _estate.IssueAsync(product, activate: false);

    /// <summary>How many card numbers the node handed out from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private long Distance(string from, string to) => IssueOrder.Of(fixture.Node, to) - IssueOrder.Of(fixture.Node, from);
}
