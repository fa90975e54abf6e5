using System.Net;
using System.Text.Json.Nodes;

namespace CardActors.Node.Tests.Http.Support;

/// <summary>A card as the API shows it — its view and its whole history, read page by page — to compare before and after.</summary>
public sealed record CardSnapshot(string Card, JsonObject View, IReadOnlyList<JsonObject> History)
{
    public JsonNode Balances => View["balances"]!;

    public JsonArray Holds => View["holds"]!.AsArray();

    public string Status => View["status"]!.GetValue<string>();

    public long Main => Balances["main"]!.GetValue<long>();

    public long Available => Balances["available"]!.GetValue<long>();

    public static async Task<CardSnapshot> ReadAsync(ApiClient api, string card, int pageSize = 100)
    {
        var view = (await api.GetAsync($"/api/cards/{card}")).Expect(HttpStatusCode.OK).Body.AsObject();
        return new CardSnapshot(card, view, await ReadHistoryAsync(api, card, pageSize));
    }

    public static async Task<IReadOnlyList<JsonObject>> ReadHistoryAsync(ApiClient api, string card, int pageSize = 100)
    {
        var entries = new List<JsonObject>();
        long? from = 1;
        while (from is { } next)
        {
            var page = (await api.GetAsync($"/api/cards/{card}/transactions?from={next}&limit={pageSize}")).Expect(HttpStatusCode.OK).Body;
            Assert.Equal(card, page["card"]!.GetValue<string>());
            var items = page["entries"]!.AsArray().Select(e => e!.AsObject()).ToArray();
            Assert.True(items.Length <= pageSize, $"a page holds at most {pageSize} entries");
            entries.AddRange(items);
            from = page["nextFrom"]?.GetValue<long>();
            Assert.True(from is null || items.Length == pageSize, "a page that says more follows must be full");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(i + 1, entries[i]["sequenceNr"]!.GetValue<long>());
        }

        return entries;
    }

    /// <summary>
    /// Nothing moved: the same balances, holds and status. A refusal the card itself decided may add
    /// one <c>Declined</c> entry to the history (so a repeat of its key gets the same answer), which
    /// <paramref name="declineRecorded"/> allows; any other change fails.
    /// </summary>
    public void AssertUnchanged(CardSnapshot after, bool declineRecorded = false)
    {
        Assert.Equal(Card, after.Card);
        Assert.Equal(Balances.ToJsonString(), after.Balances.ToJsonString());
        Assert.Equal(Holds.ToJsonString(), after.Holds.ToJsonString());
        Assert.Equal(Status, after.Status);
        Assert.Equal(View["dailyUsage"]?.ToJsonString(), after.View["dailyUsage"]?.ToJsonString());
        Assert.Equal(View["pendingTransfer"]?.ToJsonString(), after.View["pendingTransfer"]?.ToJsonString());
        for (var i = 0; i < History.Count; i++)
        {
            Assert.Equal(History[i].ToJsonString(), after.History[i].ToJsonString());
        }

        var added = after.History.Skip(History.Count).Select(e => e["type"]!.GetValue<string>()).ToArray();
        if (declineRecorded)
        {
            Assert.True(added.Length <= 1 && added.All(t => t == "Declined"), "only a Declined entry may be added, got: " + string.Join(", ", added));
        }
        else
        {
            Assert.True(added.Length == 0, "the history must not change, got: " + string.Join(", ", added));
        }
    }
}
