using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>POST /api/cards and /api/cards/bulk, GET of a card, its balance and its history pages.</summary>
public sealed class CardIssuanceTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    [Fact]
    public async Task A_card_issued_without_activation_holds_its_load_and_waits_for_activation()
    {
        var product = await _estate.DefineProductAsync(p => p["denominations"] = new JsonArray(5_000, 10_000));
        var issued = (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = product, ["initialLoad"] = 5_000 })).Expect(HttpStatusCode.Created);
        var card = issued.String("card");
        Assert.Equal("Issued", issued.String("status"));
        var issue = issued.Body["issue"]!;
        Assert.Equal(card, issue["card"]!.GetValue<string>());
        Assert.Equal("00", issue["responseCode"]!.GetValue<string>());
        Assert.Equal(5_000, issue["approvedAmount"]!.GetValue<long>());
        Assert.Matches("^[0-9A-F]{16}$", issue["transactionId"]!.GetValue<string>());
        Assert.Matches("^[0-9]{6}$", issue["approvalCode"]!.GetValue<string>());
        Assert.False(issue["repeated"]!.GetValue<bool>());
        AssertCardNumber(card);

        var view = await _estate.ViewAsync(card);
        Assert.Equal("Issued", view["status"]!.GetValue<string>());
        Assert.Equal(product, view["product"]!.GetValue<long>());
        Assert.Null(view["activatedAt"]);
        Assert.Null(view["expiresAt"]); // validity counts from activation
        Assert.Equal("""{"main":5000,"bonus":0,"available":5000}""", view["balances"]!.ToJsonString());

        var activated = (await _api.PostAsync($"/api/cards/{card}/activate")).Expect(HttpStatusCode.OK);
        Assert.Equal("00", activated.String("responseCode"));
        view = await _estate.ViewAsync(card);
        Assert.Equal("Active", view["status"]!.GetValue<string>());
        var activatedAt = DateTimeOffset.Parse(view["activatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var expiresAt = DateTimeOffset.Parse(view["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(activatedAt.AddMonths(12), expiresAt, TimeSpan.FromDays(1));

        (await _api.PostAsync($"/api/cards/{card}/activate")).Expect(HttpStatusCode.OK); // activating again is idempotent
        Assert.Equal(view.ToJsonString(), (await _estate.ViewAsync(card)).ToJsonString());
    }

    [Fact]
    public async Task A_card_issued_with_activation_is_active_at_once()
    {
        var product = await _estate.DefineProductAsync();
        var issued = (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = product, ["initialLoad"] = 2_500, ["activate"] = true }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("Active", issued.String("status"));
        var view = await _estate.ViewAsync(issued.String("card"));
        Assert.Equal("Active", view["status"]!.GetValue<string>());
        Assert.NotNull(view["expiresAt"]);
        Assert.Equal(2_500, view["balances"]!["main"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_card_may_be_issued_empty_and_loaded_later()
    {
        var product = await _estate.DefineProductAsync();
        var card = await _estate.IssueAsync(product);
        Assert.Equal("""{"main":0,"bonus":0,"available":0}""", (await _estate.ViewAsync(card))["balances"]!.ToJsonString());
    }

    [Fact]
    public async Task A_real_name_card_carries_its_holder_and_never_expires()
    {
        var product = await _estate.DefineProductAsync(p => { p["identity"] = "realName"; p["noExpiry"] = true; p.Remove("validityMonths"); });
        var card = await _estate.IssueAsync(product, 1_000, activate: true, holder: 880_001);
        var view = await _estate.ViewAsync(card);
        Assert.Equal("Active", view["status"]!.GetValue<string>());
        Assert.Null(view["expiresAt"]);
    }

    [Fact]
    public async Task Bulk_issue_gives_distinct_funded_cards()
    {
        var product = await _estate.DefineProductAsync();
        var reply = (await _api.PostAsync("/api/cards/bulk", new JsonObject { ["product"] = product, ["count"] = 25, ["initialLoad"] = 3_000, ["activate"] = true }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(25, reply.Long("requested"));
        Assert.Empty(reply.Body["failed"]!.AsArray());
        var cards = reply.Body["cards"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        Assert.Equal(25, cards.Length);
        Assert.Equal(25, cards.Distinct().Count());
        foreach (var card in cards)
        {
            AssertCardNumber(card);
            var view = await _estate.ViewAsync(card);
            Assert.Equal("Active", view["status"]!.GetValue<string>());
            Assert.Equal(3_000, view["balances"]!["main"]!.GetValue<long>());
            Assert.Equal(product, view["product"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Bulk_issue_without_activation_leaves_the_cards_issued()
    {
        var product = await _estate.DefineProductAsync();
        var reply = (await _api.PostAsync("/api/cards/bulk", new JsonObject { ["product"] = product, ["count"] = 2 })).Expect(HttpStatusCode.Created);
        foreach (var card in reply.Body["cards"]!.AsArray())
        {
            Assert.Equal("Issued", (await _estate.ViewAsync(card!.GetValue<string>()))["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_balance_inquiry_answers_with_the_balances_and_moves_nothing()
    {
        var product = await _estate.DefineProductAsync();
        var shop = await _estate.OpenShopAsync();
        var card = await _estate.IssueAsync(product, 10_000);
        await _estate.AuthorizeAsync(card, shop, 1_500);
        var before = await CardSnapshot.ReadAsync(_api, card);

        var balance = (await _api.GetAsync($"/api/cards/{card}/balance")).Expect(HttpStatusCode.OK);
        Assert.Equal(card, balance.String("card"));
        Assert.Equal("00", balance.String("responseCode"));
        Assert.Equal("""{"main":10000,"bonus":0,"available":8500}""", balance.Body["balances"]!.ToJsonString());
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card));
    }

    [Fact]
    public async Task History_pages_follow_one_another_without_gaps_or_repeats()
    {
        var product = await _estate.DefineProductAsync();
        var card = await _estate.IssueAsync(product, 1_000);
        for (var i = 1; i <= 6; i++)
        {
            await _estate.TopUpAsync(card, 100 * i);
        }

        var all = await CardSnapshot.ReadHistoryAsync(_api, card);
        Assert.Equal(["CardIssued", "CardActivated", "ToppedUp", "ToppedUp", "ToppedUp", "ToppedUp", "ToppedUp", "ToppedUp"],
            all.Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal([1_000L, 100, 200, 300, 400, 500, 600], all.Where(e => e["amount"] is not null).Select(e => e["amount"]!.GetValue<long>()));
        Assert.All(all.Where(e => e["type"]!.GetValue<string>() != "CardActivated"), e => Assert.Matches("^[0-9A-F]{16}$", e["transactionId"]!.GetValue<string>()));

        var paged = await CardSnapshot.ReadHistoryAsync(_api, card, pageSize: 3);
        Assert.Equal(all.Select(e => e.ToJsonString()), paged.Select(e => e.ToJsonString()));

        var first = (await _api.GetAsync($"/api/cards/{card}/transactions?limit=3")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(4, first["nextFrom"]!.GetValue<long>());
        var last = (await _api.GetAsync($"/api/cards/{card}/transactions?from=7&limit=3")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(2, last["entries"]!.AsArray().Count);
        Assert.Null(last["nextFrom"]);
        var beyond = (await _api.GetAsync($"/api/cards/{card}/transactions?from=50")).Expect(HttpStatusCode.OK).Body;
        Assert.Empty(beyond["entries"]!.AsArray());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("from=0", "from")]
    [InlineData("from=-4", "from")]
    [InlineData("from=x", "from")]
    public async Task A_history_page_out_of_range_is_a_validation_problem(string query, string field)
    {
        var card = await _estate.IssueAsync(await _estate.DefineProductAsync());
        (await _api.GetAsync($"/api/cards/{card}/transactions?{query}")).ExpectInvalid(field);
    }

    private static void AssertCardNumber(string card)
    {
        Assert.Matches("^623456[0-9]{13}$", card); // the issuer prefix, 19 digits
        var sum = 0;
        for (var i = 0; i < card.Length; i++)
        {
            var digit = card[card.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (digit * 2 > 9 ? (digit * 2) - 9 : digit * 2) : digit;
        }

        Assert.True(sum % 10 == 0, "Luhn check digit is wrong: " + card);
    }
}
