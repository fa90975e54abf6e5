using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CardActors.Integration.Tests.Support;

/// <summary>A product, a merchant with a terminal and funded cards, created through the HTTP API.</summary>
internal sealed record Estate(string Merchant, string Terminal, string[] Cards, long InitialLoad)
{
    public static async Task<Estate> CreateAsync(HttpClient http, int cards, long initialLoad)
    {
        await Post(http, "/api/products", new { id = 7001, name = "Integration card", identity = "realName", noExpiry = true, balanceCap = 500_000, dailyCountLimit = 100_000 });
        await Post(http, "/api/merchants", new { id = "INTEGRATION0001", name = "Integration shop", category = 5411, settlementCycle = "daily" });
        await Post(http, "/api/merchants/INTEGRATION0001/terminals", new { terminalId = "TERM0001" });
        var issued = new List<string>();
        while (issued.Count < cards)
        {
            var count = Math.Min(1_000, cards - issued.Count);
            using var response = await http.PostAsJsonAsync("/api/cards/bulk", new { product = 7001, count, firstHolder = issued.Count + 1, initialLoad, activate = true });
            response.EnsureSuccessStatusCode();
            var document = await response.Content.ReadFromJsonAsync<JsonElement>();
            var batch = document.GetProperty("cards").EnumerateArray().Select(c => c.GetString()!).ToList();
            if (batch.Count != count)
            {
                throw new InvalidOperationException("Bulk issuance refused cards: " + document.GetProperty("failed"));
            }

            issued.AddRange(batch);
        }

        return new Estate("INTEGRATION0001", "TERM0001", issued.ToArray(), initialLoad);
    }

    private static async Task Post(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
