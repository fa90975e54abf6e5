using CardActors.Node.Hosting;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// Shedding as a terminal sees it (docs/operations.md, "Overload"): once the card decisions of a
/// whole interval have taken longer than the target, card requests and advices are answered 91
/// (MACed) without reaching the card, network management is still answered, and requests are
/// decided again once the queue has drained.
/// </summary>
public sealed class OverloadSheddingTests
{
    private const string Card = "6277000000000011";

    [Fact]
    public async Task An_overloaded_gateway_answers_91_without_deciding_until_its_queue_has_drained()
    {
        await using var core = await GatedIssuerCore.StartAsync(new IsoGatewayOptions());
        await using var pos = await PosConnection.OpenAsync(core.Endpoint);
        var terminal = core.PosTerminal;
        var signOn = terminal.SignOn();
        IsoAssert.Answered(signOn, await pos.ExchangeAsync(signOn), 0, terminal.Key);

        // One purchase takes 1.2 s to decide: the interval's only decision, past the 1 s target.
        var slow = terminal.Buy(Card, 100);
        var slowAnswer = pos.ExchangeAsync(slow);
        await core.ApproveNextAsync(TimeSpan.FromMilliseconds(1200));
        IsoAssert.Answered(slow, await slowAnswer, 0, terminal.Key);

        var shed = terminal.Buy(Card, 100);
        IsoAssert.Answered(shed, await pos.ExchangeAsync(shed), 91, terminal.Key);
        var advice = terminal.Complete(Card, 100, terminal.Authorize(Card, 100));
        IsoAssert.Answered(advice, await pos.ExchangeAsync(advice), 91, terminal.Key); // not recorded: the acquirer repeats it
        var echo = terminal.Echo();
        IsoAssert.Answered(echo, await pos.ExchangeAsync(echo), 0, terminal.Key);
        Assert.Equal(1, core.Asks);

        // Half a second with nothing outstanding: the queue has drained, and the next purchase is decided.
        core.Clock.Advance(TimeSpan.FromMilliseconds(500));
        var decided = terminal.Buy(Card, 100);
        var decidedAnswer = pos.ExchangeAsync(decided);
        await core.ApproveNextAsync(TimeSpan.FromMilliseconds(5));
        IsoAssert.Answered(decided, await decidedAnswer, 0, terminal.Key);
        Assert.Equal(2, core.Asks);
    }

    [Fact]
    public async Task With_shedding_turned_off_every_request_is_decided_however_slowly()
    {
        await using var core = await GatedIssuerCore.StartAsync(new IsoGatewayOptions { OverloadTarget = TimeSpan.Zero });
        await using var pos = await PosConnection.OpenAsync(core.Endpoint);
        var terminal = core.PosTerminal;
        var signOn = terminal.SignOn();
        IsoAssert.Answered(signOn, await pos.ExchangeAsync(signOn), 0, terminal.Key);

        for (var i = 0; i < 3; i++)
        {
            var purchase = terminal.Buy(Card, 100);
            var answer = pos.ExchangeAsync(purchase);
            await core.ApproveNextAsync(TimeSpan.FromSeconds(5));
            IsoAssert.Answered(purchase, await answer, 0, terminal.Key);
        }

        Assert.Equal(3, core.Asks);
    }
}
