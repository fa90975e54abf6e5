using System.Globalization;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// The stages of a card request's latency at /metrics (docs/operations.md, "Where a request's time
/// goes"): the card's decision, the answer's way to its connection, and the journal write beneath
/// the decision. A request refused before any card is asked counts in the total latency only.
/// </summary>
[Collection(IsoMetricsCollection.Name)]
public sealed class StageLatencyMetricsTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    private const string Decision = "cardactors_iso_decision_latency_seconds_count";
    private const string Answer = "cardactors_iso_answer_latency_seconds_count";
    private const string Total = "cardactors_iso_latency_seconds_count";
    private const string JournalWrite = "cardactors_journal_write_duration_seconds_count";

    [Fact]
    public async Task A_purchase_is_counted_in_every_stage_and_its_journal_write_is_measured()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var before = await CountsAsync();

        var sale = s.Terminal.Buy(card, 1_000);
        IsoAssert.Approved(sale, await s.ExchangeAsync(sale), s.Terminal.Key);

        var after = await CountsAsync();
        Assert.Equal(before[Decision] + 1, after[Decision]);
        Assert.Equal(before[Answer] + 1, after[Answer]);
        Assert.Equal(before[Total] + 1, after[Total]);
        Assert.True(after[JournalWrite] >= before[JournalWrite] + 1, $"journal writes measured: {before[JournalWrite]} then {after[JournalWrite]}");
    }

    [Fact]
    public async Task A_request_refused_before_the_card_counts_in_the_total_only()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var before = await CountsAsync();

        var notOurs = s.Terminal.Buy("6277000000000012", 1_000);
        IsoAssert.Declined(notOurs, await s.ExchangeAsync(notOurs), 14, s.Terminal.Key); // fails the Luhn check: no card is asked

        var after = await CountsAsync();
        Assert.Equal(before[Decision], after[Decision]);
        Assert.Equal(before[Answer], after[Answer]);
        Assert.Equal(before[Total] + 1, after[Total]);
    }

    private async Task<Dictionary<string, double>> CountsAsync()
    {
        var lines = (await fixture.Node.Http.GetStringAsync("/metrics")).Split('\n');
        return new[] { Decision, Answer, Total, JournalWrite }.ToDictionary(
            name => name,
            name => lines.Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)));
    }
}
