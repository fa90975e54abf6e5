using System.Globalization;
using CardActors.Iso8583;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>The gateway's metrics are process-wide, so the tests that count them run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsoMetricsCollection
{
    public const string Name = "ISO 8583 metrics";
}

/// <summary>
/// Advices cannot be declined (docs/iso8583.md §5): one that cannot be applied is answered 00 and
/// recorded as an exception for reconciliation (the cardactors_iso_advice_exceptions counter and a
/// warning in the log), whatever the reason.
/// </summary>
[Collection(IsoMetricsCollection.Name)]
public sealed class AdviceExceptionTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task An_advice_in_another_currency_is_acknowledged_and_recorded_as_an_exception()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 1_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);

        var before = await ExceptionsAsync();
        var completion = s.Terminal.Complete(card, 1_000, hold, b => b.SetNumeric(FieldNumber.Currency, 840));
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        Assert.Equal(before + 1, await ExceptionsAsync());
        Assert.Equal((10_000, 9_000, 1), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task An_advice_whose_card_cannot_be_found_is_acknowledged_and_recorded_as_an_exception()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 1_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);

        var before = await ExceptionsAsync();
        var withoutPan = s.Terminal.Complete(null, 1_000, hold);
        IsoAssert.Answered(withoutPan, await s.ExchangeAsync(withoutPan), 0, s.Terminal.Key);
        var badPan = s.Terminal.Reverse("6277000000000012", 1_000, hold, advice: true);
        IsoAssert.Answered(badPan, await s.ExchangeAsync(badPan), 0, s.Terminal.Key);
        Assert.Equal(before + 2, await ExceptionsAsync());
        Assert.Equal((10_000, 9_000, 1), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task An_advice_the_card_refuses_is_acknowledged_and_recorded_as_an_exception()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var before = await ExceptionsAsync();
        var unknownHold = s.Terminal.Complete(card, 1_000, s.Terminal.Authorize(card, 1_000));
        IsoAssert.Answered(unknownHold, await s.ExchangeAsync(unknownHold), 0, s.Terminal.Key);
        Assert.Equal(before + 1, await ExceptionsAsync());

        var repeated = await s.ExchangeAsync(unknownHold);
        IsoAssert.Answered(unknownHold, repeated, 0, s.Terminal.Key);
        Assert.Equal(before + 1, await ExceptionsAsync());
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task An_applied_advice_is_not_an_exception()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var hold = s.Terminal.Authorize(card, 1_000);
        IsoAssert.Approved(hold, await s.ExchangeAsync(hold), s.Terminal.Key);

        var before = await ExceptionsAsync();
        var completion = s.Terminal.Complete(card, 600, hold);
        IsoAssert.Answered(completion, await s.ExchangeAsync(completion), 0, s.Terminal.Key);
        Assert.Equal(before, await ExceptionsAsync());
        Assert.Equal((9_400, 9_400, 0), await s.BalancesAsync(card));
    }

    /// <summary>The node's count of advice exceptions, from its Prometheus endpoint.</summary>
    private async Task<double> ExceptionsAsync()
    {
        var text = await fixture.Node.Http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith("cardactors_iso_advice_exceptions_total", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
