using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>
/// POST /api/cards with an Idempotency-Key: the request keeps the card number it was first given
/// (durably, see RestartTests), so concurrent and later repeats reach one card, loaded once.
/// </summary>
public sealed class IssueRequestTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    [Fact]
    public async Task Concurrent_issues_with_one_key_reach_one_card_loaded_once()
    {
        var product = await _estate.DefineProductAsync();
        var key = Estate.NextKey("issue-concurrent");
        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            _api.PostAsync("/api/cards", new JsonObject { ["product"] = product, ["initialLoad"] = 3_000, ["activate"] = true }, key)));
        Assert.All(replies, r => r.Expect(HttpStatusCode.Created));
        var card = Assert.Single(replies.Select(r => r.String("card")).Distinct());
        Assert.Single(replies, r => !r.Body["issue"]!["repeated"]!.GetValue<bool>());
        Assert.Equal(3_000, await _estate.MainBalanceAsync(card));
        Assert.Single(await CardSnapshot.ReadHistoryAsync(_api, card), e => e["type"]!.GetValue<string>() == "CardIssued");
    }

    [Fact]
    public async Task Issues_without_a_key_or_with_different_keys_get_different_cards()
    {
        var product = await _estate.DefineProductAsync();
        var body = new JsonObject { ["product"] = product, ["initialLoad"] = 1_000 };
        var cards = new[]
        {
            (await _api.PostAsync("/api/cards", body.DeepClone())).Expect(HttpStatusCode.Created).String("card"),
            (await _api.PostAsync("/api/cards", body.DeepClone())).Expect(HttpStatusCode.Created).String("card"),
            (await _api.PostAsync("/api/cards", body.DeepClone(), Estate.NextKey("issue-a"))).Expect(HttpStatusCode.Created).String("card"),
            (await _api.PostAsync("/api/cards", body.DeepClone(), Estate.NextKey("issue-b"))).Expect(HttpStatusCode.Created).String("card"),
        };
        Assert.Equal(cards.Length, cards.Distinct().Count());
    }

    [Fact]
    public async Task A_declined_issue_retried_with_its_key_is_decided_again_on_the_same_card_number()
    {
        var product = await _estate.DefineProductAsync(p => p["balanceCap"] = 5_000);
        var key = Estate.NextKey("issue-after-decline");
        (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = product, ["initialLoad"] = 6_000 }, key))
            .ExpectDecline(HttpStatusCode.UnprocessableEntity, "61", "balanceCap");
        var issued = (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = product, ["initialLoad"] = 4_000 }, key)).Expect(HttpStatusCode.Created);
        Assert.False(issued.Body["issue"]!["repeated"]!.GetValue<bool>());
        Assert.Equal(4_000, await _estate.MainBalanceAsync(issued.String("card")));
    }
}
