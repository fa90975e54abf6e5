using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>Top-ups, holds and their capture, purchases, reversals and refunds: what each moves.</summary>
public sealed class CardMoneyTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    [Theory]
    [InlineData("counter")]
    [InlineData("kiosk")]
    [InlineData("online")]
    [InlineData("bankTransfer")]
    public async Task A_top_up_by_each_channel_loads_the_main_purse(string channel)
    {
        var card = await _estate.IssueAsync(await _estate.DefineProductAsync(), 1_000);
        var reply = await _estate.TopUpAsync(card, 2_345, channel);
        Assert.Equal("00", reply.String("responseCode"));
        Assert.Equal(2_345, reply.Long("approvedAmount"));
        Assert.Equal(3_345, reply.Main);
        Assert.Equal(3_345, reply.Available);
        var history = await CardSnapshot.ReadHistoryAsync(_api, card);
        Assert.Equal("ToppedUp", history[^1]["type"]!.GetValue<string>());
        Assert.Equal(reply.String("transactionId"), history[^1]["transactionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_top_up_without_a_channel_is_at_the_counter()
    {
        var card = await _estate.IssueAsync(await _estate.DefineProductAsync());
        var reply = (await _api.PostAsync($"/api/cards/{card}/top-ups", new JsonObject { ["amount"] = 500 })).Expect(HttpStatusCode.OK);
        Assert.Equal(500, reply.Main);
    }

    [Fact]
    public async Task An_authorization_holds_money_and_a_full_capture_takes_it()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var hold = await _estate.AuthorizeAsync(card, shop, 3_000);
        Assert.Equal(3_000, hold.Long("approvedAmount"));
        Assert.Equal(10_000, hold.Main);
        Assert.Equal(7_000, hold.Available);
        var holdId = hold.String("transactionId");
        var view = await _estate.ViewAsync(card);
        var held = Assert.Single(view["holds"]!.AsArray());
        Assert.Equal(holdId, held!["transactionId"]!.GetValue<string>());
        Assert.Equal(3_000, held["main"]!.GetValue<long>());
        Assert.Equal(shop.MerchantId, held["merchantId"]!.GetValue<string>());

        var capture = await _estate.CaptureAsync(card, shop, holdId, 3_000);
        Assert.Equal(3_000, capture.Long("capturedAmount"));
        Assert.Equal(7_000, capture.Main);
        Assert.Equal(7_000, capture.Available);
        Assert.Empty((await _estate.ViewAsync(card))["holds"]!.AsArray());
    }

    [Fact]
    public async Task A_partial_capture_takes_part_and_releases_the_rest_of_the_hold()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var holdId = (await _estate.AuthorizeAsync(card, shop, 4_000)).String("transactionId");
        var capture = await _estate.CaptureAsync(card, shop, holdId, 2_500);
        Assert.Equal(2_500, capture.Long("capturedAmount"));
        Assert.Equal(7_500, capture.Main);
        Assert.Equal(7_500, capture.Available);
        Assert.Empty((await _estate.ViewAsync(card))["holds"]!.AsArray());

        var before = await CardSnapshot.ReadAsync(_api, card);
        (await _api.PostAsync($"/api/cards/{card}/authorizations/{holdId}/capture", shop.Spend(1_500)))
            .ExpectDecline(HttpStatusCode.UnprocessableEntity, "12", "hold"); // the rest was released: nothing left to capture
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);
    }

    [Fact]
    public async Task A_purchase_takes_the_money_at_once()
    {
        var (card, shop) = await FundedCardAsync(5_000);
        var purchase = await _estate.PurchaseAsync(card, shop, 1_234);
        Assert.Equal(1_234, purchase.Long("approvedAmount"));
        Assert.Equal(1_234, purchase.Long("capturedAmount"));
        Assert.Equal(3_766, purchase.Main);
        var view = await _estate.ViewAsync(card);
        Assert.Empty(view["holds"]!.AsArray());
        Assert.Equal(1_234, view["dailyUsage"]!["amount"]!.GetValue<long>());
        Assert.Equal(1, view["dailyUsage"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reversing_an_authorization_releases_its_hold()
    {
        var (card, shop) = await FundedCardAsync(5_000);
        var holdId = (await _estate.AuthorizeAsync(card, shop, 2_000)).String("transactionId");
        var reversal = await _estate.ReverseAsync(card, holdId);
        Assert.Equal(5_000, reversal.Main);
        Assert.Equal(5_000, reversal.Available);
        Assert.Empty((await _estate.ViewAsync(card))["holds"]!.AsArray());

        var again = await _estate.ReverseAsync(card, holdId); // nothing left to undo: approved, moves nothing
        Assert.Equal(5_000, again.Available);
        (await _api.PostAsync($"/api/cards/{card}/authorizations/{holdId}/capture", shop.Spend(2_000))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "12", "hold");
        Assert.Equal(5_000, await _estate.MainBalanceAsync(card));
    }

    [Fact]
    public async Task Reversing_a_purchase_gives_the_money_back_once()
    {
        var (card, shop) = await FundedCardAsync(5_000);
        var sale = (await _estate.PurchaseAsync(card, shop, 1_800)).String("transactionId");
        Assert.Equal(5_000, (await _estate.ReverseAsync(card, sale)).Main);
        Assert.Equal(5_000, (await _estate.ReverseAsync(card, sale)).Main);
        Assert.Equal(5_000, await _estate.MainBalanceAsync(card));
        Assert.Contains(await CardSnapshot.ReadHistoryAsync(_api, card), e => e["type"]!.GetValue<string>() == "SaleReversed");
    }

    [Fact]
    public async Task Refunds_return_part_then_the_rest_and_never_more_than_the_sale()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var sale = (await _estate.PurchaseAsync(card, shop, 3_000)).String("transactionId");

        var partial = await _estate.RefundAsync(card, shop, sale, 1_000);
        Assert.Equal(1_000, partial.Long("refundedAmount"));
        Assert.Equal(8_000, partial.Main);

        var before = await CardSnapshot.ReadAsync(_api, card);
        (await _api.PostAsync($"/api/cards/{card}/refunds", shop.Refund(sale, 2_001))).ExpectDecline(HttpStatusCode.BadRequest, "13", "amount");
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);

        var rest = await _estate.RefundAsync(card, shop, sale, 2_000);
        Assert.Equal(10_000, rest.Main);

        before = await CardSnapshot.ReadAsync(_api, card);
        (await _api.PostAsync($"/api/cards/{card}/refunds", shop.Refund(sale, 1))).ExpectDecline(HttpStatusCode.BadRequest, "13", "amount");
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);
        Assert.Equal(2, (await CardSnapshot.ReadHistoryAsync(_api, card)).Count(e => e["type"]!.GetValue<string>() == "Refunded"));
    }

    [Fact]
    public async Task A_captured_sale_is_refunded_by_the_hold_or_the_capture_id()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var holdId = (await _estate.AuthorizeAsync(card, shop, 2_000)).String("transactionId");
        var captureId = (await _estate.CaptureAsync(card, shop, holdId, 2_000)).String("transactionId");
        Assert.Equal(8_500, (await _estate.RefundAsync(card, shop, holdId, 500)).Main);
        Assert.Equal(9_000, (await _estate.RefundAsync(card, shop, captureId, 500)).Main);
    }

    [Fact]
    public async Task A_refund_from_another_merchant_than_the_sale_is_refused()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var other = await _estate.OpenShopAsync();
        var sale = (await _estate.PurchaseAsync(card, shop, 3_000)).String("transactionId");
        var before = await CardSnapshot.ReadAsync(_api, card);
        (await _api.PostAsync($"/api/cards/{card}/refunds", other.Refund(sale, 1_000))).ExpectDecline(HttpStatusCode.UnprocessableEntity, "12", "merchant");
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);
    }

    [Fact]
    public async Task A_capture_is_honoured_after_the_merchant_is_suspended()
    {
        var (card, shop) = await FundedCardAsync(10_000);
        var holdId = (await _estate.AuthorizeAsync(card, shop, 2_000)).String("transactionId");
        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/suspend")).Expect(HttpStatusCode.OK);
        (await _api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(100))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "merchantId");
        var capture = await _estate.CaptureAsync(card, shop, holdId, 2_000); // the goods were delivered before the suspension
        Assert.Equal(8_000, capture.Main);
    }

    private async Task<(string Card, Shop Shop)> FundedCardAsync(long load)
    {
        var product = await _estate.DefineProductAsync();
        var shop = await _estate.OpenShopAsync();
        return (await _estate.IssueAsync(product, load), shop);
    }
}
