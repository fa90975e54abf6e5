using System.Net;
using System.Text.Json.Nodes;
using CardActors.Node.Tests.Http.Support;

namespace CardActors.Node.Tests.Http;

/// <summary>
/// Well-formed requests the card or the merchant side refuses: wrong card state, limits, caps,
/// funds, scope, unknown or suspended merchants and terminals, unknown holds. Each is a problem
/// document naming the rule, and no money moves.
/// </summary>
public sealed class CardDeclineTests(HttpNode fixture) : IClassFixture<HttpNode>
{
    private readonly ApiClient _api = fixture.Api;
    private readonly Estate _estate = fixture.Estate;

    [Theory]
    [InlineData("issued", "62")]
    [InlineData("frozen", "62")]
    [InlineData("lost", "41")]
    [InlineData("closed", "62")]
    public async Task A_card_in_the_wrong_state_refuses_loads_and_spends(string state, string code)
    {
        var product = await _estate.DefineProductAsync(p => { p["identity"] = "realName"; p["noExpiry"] = true; p.Remove("validityMonths"); });
        var shop = await _estate.OpenShopAsync();
        var card = await _estate.IssueAsync(product, 5_000, activate: state != "issued", holder: 31);
        switch (state)
        {
            case "frozen":
                (await _api.PostAsync($"/api/cards/{card}/freeze")).Expect(HttpStatusCode.OK);
                break;
            case "lost":
                (await _api.PostAsync($"/api/cards/{card}/report-lost")).Expect(HttpStatusCode.OK);
                break;
            case "closed":
                (await _api.PostAsync($"/api/cards/{card}/close")).Expect(HttpStatusCode.OK);
                break;
        }

        foreach (var (route, body) in new[]
                 {
                     ("authorizations", shop.Spend(100)), ("purchases", shop.Spend(100)), ("top-ups", new JsonObject { ["amount"] = 100 }),
                 })
        {
            var before = await CardSnapshot.ReadAsync(_api, card);
            (await _api.PostAsync($"/api/cards/{card}/{route}", body)).ExpectDecline(HttpStatusCode.UnprocessableEntity, code, "status");
            before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);
        }
    }

    [Fact]
    public async Task A_spend_above_the_per_transaction_limit_is_declined_61()
    {
        var (card, shop) = await CardAsync(p => p["perTransactionLimit"] = 5_000, 20_000);
        await AssertDeclinedAsync(card, "purchases", shop.Spend(5_001), HttpStatusCode.UnprocessableEntity, "61", "perTransactionLimit");
        await AssertDeclinedAsync(card, "authorizations", shop.Spend(5_001), HttpStatusCode.UnprocessableEntity, "61", "perTransactionLimit");
        Assert.Equal(15_000, (await _estate.PurchaseAsync(card, shop, 5_000)).Main);
    }

    [Fact]
    public async Task Spending_past_the_daily_amount_is_declined_61()
    {
        await OnOneBusinessDayAsync(async () =>
        {
            var (card, shop) = await CardAsync(p => p["dailyAmountLimit"] = 8_000, 20_000);
            await _estate.PurchaseAsync(card, shop, 5_000);
            await _estate.AuthorizeAsync(card, shop, 2_000);
            await AssertDeclinedAsync(card, "purchases", shop.Spend(1_001), HttpStatusCode.UnprocessableEntity, "61", "dailyAmountLimit");
            await _estate.PurchaseAsync(card, shop, 1_000);
            return card;
        });
    }

    [Fact]
    public async Task Spending_past_the_daily_count_is_declined_65()
    {
        await OnOneBusinessDayAsync(async () =>
        {
            var (card, shop) = await CardAsync(p => p["dailyCountLimit"] = 3, 20_000);
            for (var i = 0; i < 3; i++)
            {
                await _estate.PurchaseAsync(card, shop, 100);
            }

            await AssertDeclinedAsync(card, "purchases", shop.Spend(100), HttpStatusCode.UnprocessableEntity, "65", "dailyCountLimit");
            await AssertDeclinedAsync(card, "authorizations", shop.Spend(100), HttpStatusCode.UnprocessableEntity, "65", "dailyCountLimit");
            return card;
        });
    }

    [Fact]
    public async Task A_top_up_past_the_balance_cap_is_declined_61_and_one_up_to_it_is_approved()
    {
        var (card, _) = await CardAsync(p => p["balanceCap"] = 10_000, 9_000);
        await AssertDeclinedAsync(card, "top-ups", new JsonObject { ["amount"] = 1_001 }, HttpStatusCode.UnprocessableEntity, "61", "balanceCap");
        Assert.Equal(10_000, (await _estate.TopUpAsync(card, 1_000)).Main);
        await AssertDeclinedAsync(card, "top-ups", new JsonObject { ["amount"] = 1 }, HttpStatusCode.UnprocessableEntity, "61", "balanceCap");
    }

    [Fact]
    public async Task A_load_that_would_overflow_the_balance_is_declined_61_not_a_malfunction()
    {
        var (card, shop) = await CardAsync(p => p["balanceCap"] = long.MaxValue, 0);
        await _estate.TopUpAsync(card, long.MaxValue - 1_000);
        await AssertDeclinedAsync(card, "top-ups", new JsonObject { ["amount"] = long.MaxValue - 1_000 }, HttpStatusCode.UnprocessableEntity, "61", "balanceCap");
        Assert.Equal(long.MaxValue - 1_000 - 100, (await _estate.PurchaseAsync(card, shop, 100)).Main);
    }

    [Fact]
    public async Task An_initial_load_past_the_cap_or_off_the_denominations_issues_no_card()
    {
        var capped = await _estate.DefineProductAsync(p => p["balanceCap"] = 10_000);
        (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = capped, ["initialLoad"] = 10_001 }))
            .ExpectDecline(HttpStatusCode.UnprocessableEntity, "61", "balanceCap");
        var denominated = await _estate.DefineProductAsync(p => p["denominations"] = new JsonArray(5_000, 10_000));
        (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = denominated, ["initialLoad"] = 7_000 }))
            .ExpectDecline(HttpStatusCode.BadRequest, "13", "initialLoad");
        (await _api.PostAsync("/api/cards", new JsonObject { ["product"] = denominated, ["initialLoad"] = -5_000 })).ExpectInvalid("initialLoad");
    }

    [Fact]
    public async Task A_spend_above_the_available_balance_is_declined_51()
    {
        var (card, shop) = await CardAsync(null, 3_000);
        await _estate.AuthorizeAsync(card, shop, 2_500);
        await AssertDeclinedAsync(card, "purchases", shop.Spend(501), HttpStatusCode.UnprocessableEntity, "51", "funds");
        await AssertDeclinedAsync(card, "authorizations", shop.Spend(501), HttpStatusCode.UnprocessableEntity, "51", "funds");
        Assert.Equal(0, (await _estate.PurchaseAsync(card, shop, 500)).Available);
    }

    [Fact]
    public async Task A_merchant_outside_the_products_scope_is_declined_57()
    {
        var (card, _) = await CardAsync(p => p["scope"] = new JsonObject { ["categories"] = new JsonArray(5411) }, 3_000);
        var canteen = await _estate.OpenShopAsync(category: 5812);
        await AssertDeclinedAsync(card, "purchases", canteen.Spend(100), HttpStatusCode.UnprocessableEntity, "57", "scope");
        var grocer = await _estate.OpenShopAsync(category: 5411);
        Assert.Equal(2_900, (await _estate.PurchaseAsync(card, grocer, 100)).Main);
    }

    [Fact]
    public async Task Unknown_merchants_and_terminals_are_refused_before_the_card_is_asked()
    {
        var (card, shop) = await CardAsync(null, 3_000);
        var other = await _estate.OpenShopAsync();
        var cases = new (JsonObject Body, string Field)[]
        {
            (new JsonObject { ["amount"] = 100, ["merchantId"] = Estate.NextMerchantId(), ["terminalId"] = shop.TerminalId }, "merchantId"),
            (new JsonObject { ["amount"] = 100, ["merchantId"] = shop.MerchantId, ["terminalId"] = Estate.NextTerminalId() }, "terminalId"),
            (new JsonObject { ["amount"] = 100, ["merchantId"] = shop.MerchantId, ["terminalId"] = other.TerminalId }, "terminalId"),
        };
        foreach (var (body, field) in cases)
        {
            foreach (var route in new[] { "purchases", "authorizations" })
            {
                var before = await CardSnapshot.ReadAsync(_api, card);
                (await _api.PostAsync($"/api/cards/{card}/{route}", body.DeepClone())).ExpectProblem(HttpStatusCode.UnprocessableEntity, field);
                before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card));
            }
        }
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("close")]
    public async Task A_merchant_that_does_not_trade_takes_no_new_spends_or_refunds(string action)
    {
        var (card, shop) = await CardAsync(null, 3_000);
        var sale = (await _estate.PurchaseAsync(card, shop, 1_000)).String("transactionId");
        (await _api.PostAsync($"/api/merchants/{shop.MerchantId}/{action}")).Expect(HttpStatusCode.OK);
        foreach (var (route, body) in new[] { ("purchases", shop.Spend(100)), ("authorizations", shop.Spend(100)), ("refunds", shop.Refund(sale, 100)) })
        {
            var before = await CardSnapshot.ReadAsync(_api, card);
            (await _api.PostAsync($"/api/cards/{card}/{route}", body)).ExpectProblem(HttpStatusCode.UnprocessableEntity, "merchantId");
            before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card));
        }
    }

    [Fact]
    public async Task Capturing_an_unknown_hold_or_at_another_merchant_is_declined_and_more_than_the_hold_captures_the_hold()
    {
        var (card, shop) = await CardAsync(null, 5_000);
        var hold = (await _estate.AuthorizeAsync(card, shop, 1_000)).String("transactionId");
        var other = await _estate.OpenShopAsync();
        await AssertDeclinedAsync(card, "authorizations/0378E2C564401001/capture", shop.Spend(100), HttpStatusCode.UnprocessableEntity, "12", "hold");
        await AssertDeclinedAsync(card, $"authorizations/{hold}/capture", other.Spend(500), HttpStatusCode.UnprocessableEntity, "12", "merchant");
        (await _api.PostAsync($"/api/cards/{card}/authorizations/not-a-hold/capture", shop.Spend(100))).ExpectInvalid("holdId");
        var captured = await _estate.CaptureAsync(card, shop, hold, 1_001); // docs/iso8583.md §5: the smaller of the amount and the hold
        Assert.Equal((1_000L, 4_000L), (captured.Long("capturedAmount"), captured.Main));
        await AssertDeclinedAsync(card, $"authorizations/{hold}/capture", shop.Spend(1_000), HttpStatusCode.UnprocessableEntity, "12", "hold");
    }

    private async Task AssertDeclinedAsync(string card, string route, JsonObject body, HttpStatusCode status, string code, string field)
    {
        var before = await CardSnapshot.ReadAsync(_api, card);
        (await _api.PostAsync($"/api/cards/{card}/{route}", body)).ExpectDecline(status, code, field);
        before.AssertUnchanged(await CardSnapshot.ReadAsync(_api, card), declineRecorded: true);
    }

    private async Task<(string Card, Shop Shop)> CardAsync(Action<JsonObject>? product, long load)
    {
        var id = await _estate.DefineProductAsync(product);
        var shop = await _estate.OpenShopAsync();
        return (await _estate.IssueAsync(id, load), shop);
    }

    /// <summary>Daily limits count per business day: a scenario that straddled midnight (+08:00) runs once more on the new day.</summary>
    private async Task OnOneBusinessDayAsync(Func<Task<string>> scenario)
    {
        for (var attempt = 0; ; attempt++)
        {
            var day = BusinessDay();
            string card;
            try
            {
                card = await scenario();
            }
            catch (Exception) when (attempt == 0 && BusinessDay() != day)
            {
                continue;
            }

            var used = (await _estate.ViewAsync(card))["dailyUsage"]!["businessDate"]!.GetValue<string>();
            if (attempt == 0 && BusinessDay() != day)
            {
                continue;
            }

            Assert.Equal(day, used);
            return;
        }
    }

    private static string BusinessDay() => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
