using System.Net.Http.Json;
using System.Text.Json;

namespace CardActors.Integration.Tests.Support;

/// <summary>What a card's journal (its history) and its live state (its view) say, read through the API.</summary>
internal sealed record CardLedger(string Card, Dictionary<string, long> Authorized, int AuthorizedEntries, Dictionary<string, long> Holds, long Main, long Available)
{
    public static async Task<CardLedger> ReadAsync(HttpClient http, string card)
    {
        var authorized = new Dictionary<string, long>();
        var entries = 0;
        long? from = 1;
        while (from is { } next)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/cards/{card}/transactions?from={next}&limit=1000");
            foreach (var entry in page.GetProperty("entries").EnumerateArray())
            {
                if (entry.GetProperty("type").GetString() == "Authorized")
                {
                    entries++;
                    authorized[entry.GetProperty("transactionId").GetString()!] = entry.GetProperty("amount").GetInt64();
                }
            }

            from = page.TryGetProperty("nextFrom", out var nextFrom) && nextFrom.ValueKind == JsonValueKind.Number ? nextFrom.GetInt64() : null;
        }

        var view = await http.GetFromJsonAsync<JsonElement>($"/api/cards/{card}");
        var holds = view.GetProperty("holds").EnumerateArray()
            .ToDictionary(h => h.GetProperty("transactionId").GetString()!, h => h.GetProperty("main").GetInt64() + h.GetProperty("bonus").GetInt64());
        var balances = view.GetProperty("balances");
        return new CardLedger(card, authorized, entries, holds, balances.GetProperty("main").GetInt64(), balances.GetProperty("available").GetInt64());
    }
}
