using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>Merchant and terminal requests that are refused, each naming its fault, with the merchant unchanged.</summary>
public sealed class MerchantValidationTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;

    /// <summary>A fragment merged into a valid registration, and the field the refusal must name.</summary>
    public static TheoryData<string, string> InvalidRegistrations => new()
    {
        { """{"id":null}""", "id" },
        { """{"id":"SHORT"}""", "id" },
        { """{"id":"ABCDEFGHIJKLMNOP"}""", "id" },
        { """{"id":"               "}""", "id" },
        { """{"name":null}""", "name" },
        { """{"name":"  "}""", "name" },
        { """{"category":null}""", "category" },
        { """{"category":0}""", "category" },
        { """{"category":10000}""", "category" },
        { """{"group":-1}""", "group" },
        { """{"projects":[1,-2]}""", "projects[1]" },
        { """{"settlementCycle":"yearly"}""", "settlementCycle" },
        { """{"feeRateBasisPoints":-1}""", "feeRateBasisPoints" },
        { """{"feeRateBasisPoints":10001}""", "feeRateBasisPoints" },
        { """{"accountManager":4294967296}""", "accountManager" },
        { """{"category":"5812"}""", "category" },
        { """{"id":123456789012345}""", "id" },
        { """{"catgory":5812}""", "catgory" },
        { """{"projects":7}""", "projects" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task A_wrong_registration_is_refused_by_field_and_registers_nothing(string fragment, string field)
    {
        var id = Estate.NextMerchantId();
        var body = new JsonObject { ["id"] = id, ["name"] = "Valid", ["category"] = 5812 };
        foreach (var (name, value) in JsonNode.Parse(fragment)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        (await _api.PostAsync("/api/merchants", body)).ExpectInvalid(field);
        (await _api.GetAsync($"/api/merchants/{id}")).ExpectProblem(HttpStatusCode.NotFound, "merchantId");
    }

    [Fact]
    public async Task Registering_an_id_twice_is_a_conflict_that_keeps_the_first()
    {
        var shop = await fixture.Estate.OpenShopAsync();
        var before = (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Text;
        (await _api.PostAsync("/api/merchants", new JsonObject { ["id"] = shop.MerchantId, ["name"] = "Impostor", ["category"] = 5411 }))
            .ExpectProblem(HttpStatusCode.Conflict, "id");
        Assert.Equal(before, (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Text);
    }

    [Fact]
    public async Task Adding_a_terminal_twice_is_a_conflict_and_keeps_its_key()
    {
        var shop = await fixture.Estate.OpenShopAsync();
        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/terminals", new JsonObject { ["terminalId"] = shop.TerminalId }))
            .ExpectProblem(HttpStatusCode.Conflict, "terminalId");
        var terminal = (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Body["terminals"]![0]!;
        Assert.Equal(1, terminal["keyVersion"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "/profile")]
    [InlineData("POST", "/suspend")]
    [InlineData("POST", "/reactivate")]
    [InlineData("POST", "/close")]
    [InlineData("PUT", "/settlement-cycle")]
    [InlineData("PUT", "/account-manager")]
    [InlineData("POST", "/terminals")]
    [InlineData("POST", "/terminals/TERM0001/mac-key")]
    [InlineData("POST", "/terminals/TERM0001/mac-key/retire-previous")]
    [InlineData("DELETE", "/terminals/TERM0001")]
    public async Task An_unknown_merchant_is_a_404_and_a_malformed_id_a_validation_problem(string method, string route)
    {
        var body = route switch
        {
            "/profile" => """{"name":"n","category":5812}""",
            "/settlement-cycle" => """{"settlementCycle":"weekly"}""",
            "/account-manager" => """{"accountManager":1}""",
            "/terminals" => """{"terminalId":"TERM0001"}""",
            _ => "{}",
        };
        var unknown = Estate.NextMerchantId();
        (await _api.SendRawAsync(new HttpMethod(method), $"/api/merchants/{unknown}{route}", body, "application/json"))
            .ExpectProblem(HttpStatusCode.NotFound, "merchantId");
        (await _api.GetAsync($"/api/merchants/{unknown}")).ExpectProblem(HttpStatusCode.NotFound, "merchantId");

        (await _api.SendRawAsync(new HttpMethod(method), $"/api/merchants/TOO-SHORT{route}", body, "application/json")).ExpectInvalid("merchantId");
    }

    [Theory]
    [InlineData("/mac-key")]
    [InlineData("/mac-key/retire-previous")]
    public async Task An_unknown_terminal_is_a_404_and_a_malformed_one_a_validation_problem(string route)
    {
        var shop = await fixture.Estate.OpenShopAsync();
        var before = (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Text;
        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/terminals/{Estate.NextTerminalId()}{route}")).ExpectProblem(HttpStatusCode.NotFound, "terminalId");
        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/terminals/T1{route}")).ExpectInvalid("terminalId");
        Assert.Equal(before, (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Text);
    }

    [Fact]
    public async Task Removing_a_terminal_that_is_not_there_changes_nothing_and_a_malformed_one_is_a_validation_problem()
    {
        var shop = await fixture.Estate.OpenShopAsync();
        var before = (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Text;
        var removed = (await _api.DeleteAsync($"/api/merchants/{shop.MerchantId}/terminals/{Estate.NextTerminalId()}")).Expect(HttpStatusCode.OK); // idempotent by state
        Assert.Equal(before, removed.Text);
        (await _api.DeleteAsync($"/api/merchants/{shop.MerchantId}/terminals/T1")).ExpectInvalid("terminalId");
        Assert.Equal(before, (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Text);
    }

    [Theory]
    [InlineData("/profile", """{"category":5812}""", "name")]
    [InlineData("/profile", """{"name":"n"}""", "category")]
    [InlineData("/profile", """{"name":"n","category":5812,"grup":1}""", "grup")]
    [InlineData("/settlement-cycle", """{}""", "settlementCycle")]
    [InlineData("/settlement-cycle", """{"settlementCycle":"hourly"}""", "settlementCycle")]
    [InlineData("/settlement-cycle", """{"settlementCycle":"daily","feeRateBasisPoints":10001}""", "feeRateBasisPoints")]
    [InlineData("/settlement-cycle", """{"settlementCycle":"daily","feeRateBasisPoints":"50"}""", "feeRateBasisPoints")]
    [InlineData("/account-manager", """{}""", "accountManager")]
    [InlineData("/account-manager", """{"accountManager":-1}""", "accountManager")]
    [InlineData("/account-manager", """{"accountManager":"7"}""", "accountManager")]
    public async Task A_wrong_update_is_refused_by_field_and_changes_nothing(string route, string body, string field)
    {
        var shop = await fixture.Estate.OpenShopAsync();
        var before = (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Text;
        (await _api.SendRawAsync(HttpMethod.Put, $"/api/merchants/{shop.MerchantId}{route}", body, "application/json")).ExpectInvalid(field);
        Assert.Equal(before, (await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Text);
    }

    [Theory]
    [InlineData("""{"terminalId":"T1"}""", "terminalId")]
    [InlineData("""{"terminalId":"TERMINAL9"}""", "terminalId")]
    [InlineData("""{}""", "terminalId")]
    [InlineData("""{"terminalId":12345678}""", "terminalId")]
    [InlineData("""{"terminal":"TERM0001"}""", "terminal")]
    public async Task A_wrong_terminal_is_refused_by_field(string body, string field)
    {
        var shop = await fixture.Estate.OpenShopAsync();
        (await _api.SendRawAsync(HttpMethod.Post, $"/api/merchants/{shop.MerchantId}/terminals", body, "application/json")).ExpectInvalid(field);
        Assert.Single((await _api.GetAsync($"/api/merchants/{shop.MerchantId}")).Expect(HttpStatusCode.OK).Body["terminals"]!.AsArray());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=ten")]
    public async Task A_list_limit_out_of_range_is_a_validation_problem(string query)
    {
        (await _api.GetAsync("/api/merchants?" + query)).ExpectInvalid("limit");
    }

    [Theory]
    [InlineData("/api/merchants", "POST", "text/plain")]
    [InlineData("/api/merchants/{M}/profile", "PUT", "application/xml")]
    [InlineData("/api/merchants/{M}/terminals", "POST", null)]
    public async Task A_body_that_is_not_JSON_is_a_415_naming_the_content_type(string path, string method, string? contentType)
    {
        var shop = await fixture.Estate.OpenShopAsync();
        (await _api.SendRawAsync(new HttpMethod(method), path.Replace("{M}", shop.MerchantId, StringComparison.Ordinal), "{}", contentType))
            .ExpectProblem(HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }
}
