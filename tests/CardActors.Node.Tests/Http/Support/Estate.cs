using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace CardActors.Node.Tests.Http.Support;

/// <summary>A merchant that trades, with one terminal, as the API registered them.</summary>
public sealed record Shop(string MerchantId, string TerminalId, string MacKey)
{
    /// <summary>The body of an authorization, purchase or capture at this shop.</summary>
    public JsonObject Spend(long amount) => new() { ["amount"] = amount, ["merchantId"] = MerchantId, ["terminalId"] = TerminalId };

    public JsonObject Refund(string originalTransactionId, long amount) => new()
    {
        ["originalTransactionId"] = originalTransactionId, ["amount"] = amount, ["merchantId"] = MerchantId, ["terminalId"] = TerminalId,
    };
}

/// <summary>
/// Products, merchants, terminals and cards set up through the API itself. Ids are unique in the
/// process, so tests sharing a node never collide.
/// </summary>
public sealed class Estate(ApiClient api)
{
    private static int _products = 20_000;
    private static int _merchants;
    private static int _terminals;
    private static int _keys;

    public ApiClient Api => api;

    public static long NextProductId() => Interlocked.Increment(ref _products);

    public static string NextMerchantId() => "HTTPM" + Interlocked.Increment(ref _merchants).ToString("D10", CultureInfo.InvariantCulture);

    public static string NextTerminalId() => "HT" + Interlocked.Increment(ref _terminals).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>A client idempotency key no other test uses.</summary>
    public static string NextKey(string what) => what + "-" + Interlocked.Increment(ref _keys).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");

    /// <summary>An anonymous product, 12 months, no limits, unless <paramref name="configure"/> says otherwise.</summary>
    public async Task<long> DefineProductAsync(Action<JsonObject>? configure = null)
    {
        var id = NextProductId();
        var body = new JsonObject { ["id"] = id, ["name"] = "HTTP test product " + id, ["identity"] = "anonymous", ["validityMonths"] = 12 };
        configure?.Invoke(body);
        (await api.PostAsync("/api/products", body)).Expect(HttpStatusCode.Created);
        return id;
    }

    public async Task<Shop> OpenShopAsync(int category = 5812, long group = 1)
    {
        var merchant = NextMerchantId();
        (await api.PostAsync("/api/merchants", new JsonObject
        {
            ["id"] = merchant, ["name"] = "Shop " + merchant, ["category"] = category, ["group"] = group, ["settlementCycle"] = "daily", ["accountManager"] = 7,
        })).Expect(HttpStatusCode.Created);
        var terminal = NextTerminalId();
        var key = (await api.PostAsync($"/api/merchants/{merchant}/terminals", new JsonObject { ["terminalId"] = terminal }))
            .Expect(HttpStatusCode.Created).String("macKey");
        return new Shop(merchant, terminal, key);
    }

    /// <summary>Issues one card and returns its number.</summary>
    public async Task<string> IssueAsync(long product, long initialLoad = 0, bool activate = true, long? holder = null)
    {
        var body = new JsonObject { ["product"] = product, ["activate"] = activate };
        if (initialLoad > 0)
        {
            body["initialLoad"] = initialLoad;
        }

        if (holder is not null)
        {
            body["holder"] = holder;
        }

        return (await api.PostAsync("/api/cards", body)).Expect(HttpStatusCode.Created).String("card");
    }

    public async Task<ApiReply> TopUpAsync(string card, long amount, string channel = "counter", string? key = null) =>
        (await api.PostAsync($"/api/cards/{card}/top-ups", new JsonObject { ["amount"] = amount, ["channel"] = channel }, key)).Expect(HttpStatusCode.OK);

    public async Task<ApiReply> AuthorizeAsync(string card, Shop shop, long amount) =>
        (await api.PostAsync($"/api/cards/{card}/authorizations", shop.Spend(amount))).Expect(HttpStatusCode.OK);

    public async Task<ApiReply> CaptureAsync(string card, Shop shop, string holdId, long amount) =>
        (await api.PostAsync($"/api/cards/{card}/authorizations/{holdId}/capture", shop.Spend(amount))).Expect(HttpStatusCode.OK);

    public async Task<ApiReply> PurchaseAsync(string card, Shop shop, long amount, string? key = null) =>
        (await api.PostAsync($"/api/cards/{card}/purchases", shop.Spend(amount), key)).Expect(HttpStatusCode.OK);

    public async Task<ApiReply> RefundAsync(string card, Shop shop, string original, long amount) =>
        (await api.PostAsync($"/api/cards/{card}/refunds", shop.Refund(original, amount))).Expect(HttpStatusCode.OK);

    public async Task<ApiReply> ReverseAsync(string card, string original) =>
        (await api.PostAsync($"/api/cards/{card}/reversals", new JsonObject { ["originalTransactionId"] = original })).Expect(HttpStatusCode.OK);

    public async Task<JsonNode> ViewAsync(string card) => (await api.GetAsync($"/api/cards/{card}")).Expect(HttpStatusCode.OK).Body;

    public async Task<long> MainBalanceAsync(string card) => (await ViewAsync(card))["balances"]!["main"]!.GetValue<long>();
}
