using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CardActors.Node.Api;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Hosting;

namespace CardActors.Node.Demo;

/// <summary>
/// `--demo`: seeds a campus card product, a real-name community product, a canteen and a shop with
/// a terminal each, and three funded cards — through the node's own HTTP API, as a user would — and
/// returns a guide of requests that work as printed. Safe to repeat: what exists is reused.
/// </summary>
internal static class DemoSeeder
{
    public const string Canteen = "CANTEEN00000001";
    public const string Shop = "SHOP00000000002";
    public const string CanteenTerminal = "T0000001";
    public const string ShopTerminal = "T0000002";

    public static async Task<string> SeedAsync(NodeHost host, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host.HttpAddress };
        await PostAsync(http, "/api/products", new ProductDocument
        {
            Id = 1001, Name = "Campus one-card", Identity = "anonymous", ValidityMonths = 36,
            PerTransactionLimit = 50_000, DailyAmountLimit = 100_000, DailyCountLimit = 50,
        }, ApiJson.Default.ProductDocument, cancellationToken);
        await PostAsync(http, "/api/products", new ProductDocument
        {
            Id = 1002, Name = "Community real-name card", Identity = "realName", NoExpiry = true, BalanceCap = 500_000,
        }, ApiJson.Default.ProductDocument, cancellationToken);
        await PostAsync(http, "/api/merchants", new RegisterMerchantRequest
        {
            Id = Canteen, Name = "North canteen", Category = 5812, Group = 1, SettlementCycle = "daily", AccountManager = 7,
        }, ApiJson.Default.RegisterMerchantRequest, cancellationToken);
        await PostAsync(http, "/api/merchants", new RegisterMerchantRequest
        {
            Id = Shop, Name = "Campus shop", Category = 5411, Group = 2, SettlementCycle = "weekly", AccountManager = 7,
        }, ApiJson.Default.RegisterMerchantRequest, cancellationToken);
        await PostAsync(http, $"/api/merchants/{Canteen}/terminals", new AddTerminalRequest { TerminalId = CanteenTerminal }, ApiJson.Default.AddTerminalRequest, cancellationToken);
        await PostAsync(http, $"/api/merchants/{Shop}/terminals", new AddTerminalRequest { TerminalId = ShopTerminal }, ApiJson.Default.AddTerminalRequest, cancellationToken);

        var cards = await DemoCardsAsync(http, host.Node.Options, cancellationToken);
        return Guide(host.HttpAddress.ToString().TrimEnd('/'), cards);
    }

    /// <summary>The three demo cards: issued once, remembered beside the journal so a restart reuses them.</summary>
    private static async Task<string[]> DemoCardsAsync(HttpClient http, NodeOptions options, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Journal.SqlitePath)) ?? ".", "demo-cards.txt");
        if (options.Journal.Kind != "memory" && File.Exists(file))
        {
            var known = (await File.ReadAllLinesAsync(file, cancellationToken)).Where(l => l.Length > 0).ToArray();
            if (known.Length == 3)
            {
                return known;
            }
        }

        var response = await http.PostAsJsonAsync("/api/cards/bulk",
            new BulkIssueRequest { Product = 1001, Count = 3, InitialLoad = 20_000, Activate = true }, ApiJson.Default.BulkIssueRequest, cancellationToken);
        var issued = await response.Content.ReadFromJsonAsync(ApiJson.Default.BulkIssueResponse, cancellationToken)
            ?? throw new InvalidOperationException("The demo cards could not be issued.");
        if (issued.Cards.Length != 3)
        {
            throw new InvalidOperationException("The demo cards could not be issued: " + string.Join("; ", issued.Failed.Select(f => f.Detail)));
        }

        if (options.Journal.Kind != "memory")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllLinesAsync(file, issued.Cards, cancellationToken);
        }

        return issued.Cards;
    }

    private static async Task PostAsync<T>(HttpClient http, string path, T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, type, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Seeding {path} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static string Guide(string url, string[] cards)
    {
        var (a, b, c) = (cards[0], cards[1], cards[2]);
        var json = "-H 'Content-Type: application/json'";
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("CardActors demo is ready. Amounts are in fen (1 yuan = 100). Try:");
        text.AppendLine();
        text.AppendLine("# a card, its balance and holds");
        text.AppendLine($"curl -s {url}/api/cards/{a}");
        text.AppendLine("# buy lunch at the canteen (15.00 yuan)");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{a}/purchases {json} -d '{{\"amount\":1500,\"merchantId\":\"{Canteen}\",\"terminalId\":\"{CanteenTerminal}\"}}'");
        text.AppendLine("# the same request again with the same Idempotency-Key: answered once, charged once");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{b}/purchases {json} -H 'Idempotency-Key: lunch-42' -d '{{\"amount\":800,\"merchantId\":\"{Shop}\",\"terminalId\":\"{ShopTerminal}\"}}'");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{b}/purchases {json} -H 'Idempotency-Key: lunch-42' -d '{{\"amount\":800,\"merchantId\":\"{Shop}\",\"terminalId\":\"{ShopTerminal}\"}}'");
        text.AppendLine("# top up 50.00 yuan at the counter");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{c}/top-ups {json} -d '{{\"amount\":5000,\"channel\":\"counter\"}}'");
        text.AppendLine("# more than the card holds: declined with a problem document naming the rule (51, insufficient funds)");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{c}/purchases {json} -d '{{\"amount\":40000,\"merchantId\":\"{Canteen}\",\"terminalId\":\"{CanteenTerminal}\"}}'");
        text.AppendLine("# more than the product allows in one payment (61, per-transaction limit 500.00 yuan)");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{c}/purchases {json} -d '{{\"amount\":60000,\"merchantId\":\"{Canteen}\",\"terminalId\":\"{CanteenTerminal}\"}}'");
        text.AppendLine("# freeze the card, and see a purchase refused (62)");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{c}/freeze");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{c}/purchases {json} -d '{{\"amount\":100,\"merchantId\":\"{Canteen}\",\"terminalId\":\"{CanteenTerminal}\"}}'");
        text.AppendLine($"curl -s -X POST {url}/api/cards/{c}/unfreeze");
        text.AppendLine("# the journal's view of a card");
        text.AppendLine($"curl -s {url}/api/cards/{a}/transactions");
        text.AppendLine("# products, merchants, health, metrics and the OpenAPI document");
        text.AppendLine($"curl -s {url}/api/products");
        text.AppendLine($"curl -s {url}/api/merchants/{Canteen}");
        text.AppendLine($"curl -s {url}/readyz");
        text.AppendLine($"curl -s {url}/metrics | head -n 20");
        text.AppendLine($"curl -s {url}/openapi/v1.json | head -c 400");
        text.AppendLine();
        text.AppendLine("Stop the node with Ctrl+C; the journal under ./data keeps everything for the next start.");
        return text.ToString();
    }
}
