using System.Net;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>
/// Malformed card requests: each is a 4xx problem document naming the fault, and the card — its
/// balances, holds, status and history — is exactly as it was.
/// </summary>
public sealed class CardInputRefusalTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private const string Json = "application/json";
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    /// <summary>
    /// Route (relative to the card; "capture" is the capture of an open hold), body with {M} {T}
    /// {O} for the shop's merchant and terminal and a sale's id, content type, status, field named.
    /// </summary>
    public static TheoryData<string, string, string?, HttpStatusCode, string> MalformedRequests => new()
    {
        { "purchases", """{"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "authorizations", """{"amount":100,"terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "merchantId" },
        { "capture", """{"amount":100,"merchantId":"{M}"}""", Json, HttpStatusCode.BadRequest, "terminalId" },
        { "top-ups", """{"channel":"kiosk"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "refunds", """{"amount":100,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "originalTransactionId" },
        { "reversals", "{}", Json, HttpStatusCode.BadRequest, "originalTransactionId" },
        { "purchases", """{"amount":"100","merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "purchases", """{"amount":1.5,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "purchases", """{"amount":99999999999999999999,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "authorizations", """{"amount":100,"merchantId":123456789012345,"terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "merchantId" },
        { "top-ups", """{"amount":100,"channel":7}""", Json, HttpStatusCode.BadRequest, "channel" },
        { "refunds", """{"originalTransactionId":12,"amount":100,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "originalTransactionId" },
        { "purchases", """{"amout":100,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amout" },
        { "top-ups", """{"amount":100,"chanel":"kiosk"}""", Json, HttpStatusCode.BadRequest, "chanel" },
        { "capture", """{"amount":100,"merchantId":"{M}","terminalId":"{T}","extra":true}""", Json, HttpStatusCode.BadRequest, "extra" },
        { "purchases", """{"amount":100,"merchantId":"{M}","terminalId":"{T}" """, Json, HttpStatusCode.BadRequest, "body" },
        { "top-ups", "amount=100", Json, HttpStatusCode.BadRequest, "body" },
        { "reversals", "", Json, HttpStatusCode.BadRequest, "body" },
        { "purchases", """{"amount":100,"merchantId":"{M}","terminalId":"{T}"}""", "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "top-ups", """{"amount":100}""", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "refunds", """{"originalTransactionId":"{O}","amount":100,"merchantId":"{M}","terminalId":"{T}"}""", null, HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "purchases", """{"amount":0,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "authorizations", """{"amount":-100,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "capture", """{"amount":0,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "top-ups", """{"amount":0}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "top-ups", """{"amount":-1}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "refunds", """{"originalTransactionId":"{O}","amount":0,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "refunds", """{"originalTransactionId":"{O}","amount":-5,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "amount" },
        { "top-ups", """{"amount":100,"channel":"wire"}""", Json, HttpStatusCode.BadRequest, "channel" },
        { "purchases", """{"amount":100,"merchantId":"SHORT","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "merchantId" },
        { "purchases", """{"amount":100,"merchantId":"{M}","terminalId":"T1"}""", Json, HttpStatusCode.BadRequest, "terminalId" },
        { "reversals", """{"originalTransactionId":"not-hex-at-all!"}""", Json, HttpStatusCode.BadRequest, "originalTransactionId" },
        { "refunds", """{"originalTransactionId":"0000000000000000","amount":100,"merchantId":"{M}","terminalId":"{T}"}""", Json, HttpStatusCode.BadRequest, "originalTransactionId" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task A_malformed_request_is_refused_by_field_and_changes_nothing(string route, string body, string? contentType, HttpStatusCode status, string field)
    {
        var product = await _estate.DefineProductAsync();
        var shop = await _estate.OpenShopAsync();
        var card = await _estate.IssueAsync(product, 10_000);
        var hold = (await _estate.AuthorizeAsync(card, shop, 1_000)).String("transactionId");
        var sale = (await _estate.PurchaseAsync(card, shop, 500)).String("transactionId");
        var path = route == "capture" ? $"/api/cards/{card}/authorizations/{hold}/capture" : $"/api/cards/{card}/{route}";
        var text = body.Replace("{M}", shop.MerchantId, StringComparison.Ordinal).Replace("{T}", shop.TerminalId, StringComparison.Ordinal)
            .Replace("{O}", sale, StringComparison.Ordinal);
        var before = await CardSnapshot.ReadAsync(_api, card);

        (await _api.SendRawAsync(HttpMethod.Post, path, text, contentType)).ExpectProblem(status, field);

        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/balance")]
    [InlineData("GET", "/transactions")]
    [InlineData("POST", "/purchases")]
    [InlineData("POST", "/top-ups")]
    [InlineData("POST", "/activate")]
    [InlineData("POST", "/freeze")]
    [InlineData("POST", "/close")]
    [InlineData("POST", "/replace")]
    [InlineData("POST", "/payment-codes")]
    public async Task A_card_number_that_is_not_one_is_a_validation_problem(string method, string route)
    {
        var shop = await _estate.OpenShopAsync();
        var issued = await _estate.IssueAsync(await _estate.DefineProductAsync(), 1_000);
        var body = route is "/purchases" ? shop.Spend(100).ToJsonString() : route is "/top-ups" ? """{"amount":100}""" : "{}";
        string[] malformed = [CardNumbers.WithWrongCheckDigit(issued), issued[..15], issued[..18] + "A", "62345678901234567890", "abcdefghijklmnop"];
        foreach (var card in malformed)
        {
            var reply = method == "GET"
                ? await _api.GetAsync($"/api/cards/{card}{route}")
                : await _api.SendRawAsync(HttpMethod.Post, $"/api/cards/{card}{route}", body, "application/json");
            reply.ExpectInvalid("card");
        }

        Assert.Equal(1_000, await _estate.MainBalanceAsync(issued));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/balance")]
    [InlineData("GET", "/transactions")]
    [InlineData("POST", "/purchases")]
    [InlineData("POST", "/authorizations")]
    [InlineData("POST", "/top-ups")]
    [InlineData("POST", "/refunds")]
    [InlineData("POST", "/activate")]
    [InlineData("POST", "/unfreeze")]
    [InlineData("POST", "/extend")]
    [InlineData("POST", "/close")]
    [InlineData("POST", "/replace")]
    [InlineData("POST", "/payment-codes")]
    public async Task A_card_never_issued_is_a_404_and_stays_unissued(string method, string route)
    {
        var shop = await _estate.OpenShopAsync();
        var card = CardNumbers.NeverIssued();
        var body = route switch
        {
            "/purchases" or "/authorizations" => shop.Spend(100).ToJsonString(),
            "/top-ups" => """{"amount":100}""",
            "/refunds" => shop.Refund("0378E2D071001000", 100).ToJsonString(),
            _ => "{}",
        };
        var reply = method == "GET"
            ? await _api.GetAsync($"/api/cards/{card}{route}")
            : await _api.SendRawAsync(HttpMethod.Post, $"/api/cards/{card}{route}", body, "application/json");
        reply.ExpectProblem(HttpStatusCode.NotFound, "card");

        (await _api.GetAsync($"/api/cards/{card}")).ExpectProblem(HttpStatusCode.NotFound, "card");
        (await _api.GetAsync($"/api/cards/{card}/transactions")).ExpectProblem(HttpStatusCode.NotFound, "card");
    }
}
