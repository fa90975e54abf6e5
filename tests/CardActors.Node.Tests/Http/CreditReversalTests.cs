using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>
/// POST /api/cards/{card}/reversals of a credit: a top-up or a refund is taken back from the card,
/// once, and declined 51 when its money has been spent since.
/// </summary>
public sealed class CreditReversalTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    private Task<ApiReply> ReverseAsync(string card, string original) =>
        _api.PostAsync($"/api/cards/{card}/reversals", new JsonObject { ["originalTransactionId"] = original });

    [Fact]
    public async Task A_reversed_top_up_is_taken_back_once()
    {
        var card = await _estate.IssueAsync(await _estate.DefineProductAsync(), 5_000);
        var load = (await _estate.TopUpAsync(card, 3_000)).String("transactionId");

        var reversal = (await ReverseAsync(card, load)).Expect(HttpStatusCode.OK);
        Assert.Equal((3_000L, 5_000L), (reversal.Long("approvedAmount"), reversal.Main));
        var again = (await ReverseAsync(card, load)).Expect(HttpStatusCode.OK);
        Assert.Equal((0L, 5_000L), (again.Long("approvedAmount"), again.Main));
        Assert.Equal(5_000, await _estate.MainBalanceAsync(card));
        Assert.Single(await CardSnapshot.ReadHistoryAsync(_api, card), e => e["type"]!.GetValue<string>() == "CreditReversed");
    }

    [Fact]
    public async Task A_reversed_refund_is_taken_back_and_the_sale_can_be_refunded_again()
    {
        var card = await _estate.IssueAsync(await _estate.DefineProductAsync(), 10_000);
        var shop = await _estate.OpenShopAsync();
        var sale = (await _estate.PurchaseAsync(card, shop, 4_000)).String("transactionId");
        var refund = (await _estate.RefundAsync(card, shop, sale, 4_000)).String("transactionId");
        Assert.Equal(10_000, await _estate.MainBalanceAsync(card));

        Assert.Equal(6_000, (await ReverseAsync(card, refund)).Expect(HttpStatusCode.OK).Main);
        Assert.Equal(10_000, (await _estate.RefundAsync(card, shop, sale, 4_000)).Main);
    }

    [Fact]
    public async Task A_top_up_whose_money_was_spent_is_declined_51_and_moves_nothing()
    {
        var card = await _estate.IssueAsync(await _estate.DefineProductAsync(), 1_000);
        var shop = await _estate.OpenShopAsync();
        var load = (await _estate.TopUpAsync(card, 3_000)).String("transactionId");
        await _estate.PurchaseAsync(card, shop, 3_500);

        var before = await CardSnapshot.ReadAsync(_api, card);
        (await ReverseAsync(card, load)).ExpectDecline(HttpStatusCode.UnprocessableEntity, "51", "funds");
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);
        Assert.Equal(500, await _estate.MainBalanceAsync(card));
    }
}
