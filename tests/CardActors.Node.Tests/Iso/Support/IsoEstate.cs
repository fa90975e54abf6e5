using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CardActors.Iso8583;
using CardActors.Node.Api;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Tests.Support;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// What a test trades with, provisioned through the node's HTTP API as an operator would: a card
/// product, a merchant with its terminals (the API hands out each terminal's MAC key) and cards.
/// Every estate gets ids of its own, so tests sharing a node never meet.
/// </summary>
internal sealed class IsoEstate
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private static int _sequence;
    private readonly TestNode _node;

    private IsoEstate(TestNode node, long product, string merchantId)
    {
        _node = node;
        Product = product;
        MerchantId = merchantId;
    }

    public long Product { get; }

    public string MerchantId { get; }

    public List<PosTerminal> Terminals { get; } = [];

    public PosTerminal Terminal => Terminals[0];

    private HttpClient Http => _node.Http;

    /// <summary>A product (defaults unless <paramref name="product"/> says otherwise), a merchant and its terminals.</summary>
    public static async Task<IsoEstate> CreateAsync(TestNode node, int terminals = 1, ProductDocument? product = null, int category = 5812)
    {
        var n = Interlocked.Increment(ref _sequence);
        var productId = 9_000 + n;
        var document = (product ?? new ProductDocument()) with { Id = productId, Name = product?.Name ?? "ISO test product " + n };
        await EnsureAsync(await node.Http.PostAsJsonAsync("/api/products", document, Json), "define product");

        var merchantId = "ISOMERCHANT" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var merchant = new RegisterMerchantRequest { Id = merchantId, Name = "ISO merchant " + n, Category = category };
        await EnsureAsync(await node.Http.PostAsJsonAsync("/api/merchants", merchant, Json), "register merchant");

        var estate = new IsoEstate(node, productId, merchantId);
        for (var i = 1; i <= terminals; i++)
        {
            await estate.AddTerminalAsync("T" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        }

        return estate;
    }

    /// <summary>Registers a terminal with the merchant and keeps the MAC key the API returns.</summary>
    public async Task<PosTerminal> AddTerminalAsync(string terminalId, long acquirerId = PosTerminal.DefaultAcquirer)
    {
        var response = await Http.PostAsJsonAsync($"/api/merchants/{MerchantId}/terminals", new AddTerminalRequest { TerminalId = terminalId }, Json);
        await EnsureAsync(response, "add terminal");
        var key = (await response.Content.ReadFromJsonAsync<TerminalKeyResponse>(Json))!;
        var terminal = new PosTerminal(acquirerId, MerchantId, terminalId, MacKey.FromHex(key.MacKey));
        Terminals.Add(terminal);
        return terminal;
    }

    /// <summary>Issues an active card with <paramref name="load"/> fen of customer money.</summary>
    public async Task<string> IssueCardAsync(long load)
    {
        var response = await Http.PostAsJsonAsync("/api/cards", new IssueCardRequest { Product = Product, InitialLoad = load, Activate = true }, Json);
        await EnsureAsync(response, "issue card");
        return (await response.Content.ReadFromJsonAsync<IssuedCardResponse>(Json))!.Card;
    }

    public async Task<string[]> IssueCardsAsync(int count, long load)
    {
        var response = await Http.PostAsJsonAsync("/api/cards/bulk", new BulkIssueRequest { Product = Product, Count = count, InitialLoad = load, Activate = true }, Json);
        await EnsureAsync(response, "issue cards");
        var issued = (await response.Content.ReadFromJsonAsync<BulkIssueResponse>(Json))!;
        Assert.Empty(issued.Failed);
        return issued.Cards;
    }

    public async Task<CardView> CardAsync(string card)
    {
        var response = await Http.GetAsync($"/api/cards/{card}");
        await EnsureAsync(response, "view card");
        return (await response.Content.ReadFromJsonAsync<CardView>(Json))!;
    }

    /// <summary>The card's main balance and available amount, as the API reports them.</summary>
    public async Task<(long Main, long Available, int Holds)> BalancesAsync(string card)
    {
        var view = await CardAsync(card);
        return (view.Balances.Main, view.Balances.Available, view.Holds.Length);
    }

    public async Task<string> PaymentCodeAsync(string card)
    {
        var response = await Http.PostAsync($"/api/cards/{card}/payment-codes", null);
        await EnsureAsync(response, "payment code");
        return (await response.Content.ReadFromJsonAsync<PaymentCodeResponse>(Json))!.Code;
    }

    public async Task SuspendAsync() => await EnsureAsync(await Http.PostAsync($"/api/merchants/{MerchantId}/suspend", null), "suspend merchant");

    public async Task ReactivateAsync() => await EnsureAsync(await Http.PostAsync($"/api/merchants/{MerchantId}/reactivate", null), "reactivate merchant");

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
