using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// A thousand acquirer connections open at once (docs/iso8583.md §10): each signs its terminal on and
/// trades; some pipeline many requests and match the answers by STAN. Every answer is the right one
/// and every card ends with exactly the money its connection moved.
/// </summary>
public sealed class ConcurrentConnectionTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    private const int Connections = 1_000;
    private const int Terminals = 250;
    private const int Pipelined = 20;
    private const long Load = 50_000;

    [Fact]
    public async Task A_thousand_connections_sign_on_and_trade_at_once_with_every_answer_correct()
    {
        var estates = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => IsoEstate.CreateAsync(fixture.Node, terminals: Terminals / 5)));
        var terminals = estates.SelectMany(e => e.Terminals).ToArray();
        var cards = await estates[0].IssueCardsAsync(Connections, Load);

        var connections = await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => PosConnection.OpenAsync(fixture.Node.IsoEndpoint)));
        try
        {
            await Task.WhenAll(connections.Select((pos, i) => SignOnAsync(pos, terminals[i % Terminals]))).WaitAsync(PosConnection.HangGuard * 2);
            var spent = await Task.WhenAll(connections.Select((pos, i) =>
                i % 10 == 0 ? PipelineAsync(pos, terminals[i % Terminals], cards[i]) : TradeAsync(pos, terminals[i % Terminals], cards[i])))
                .WaitAsync(PosConnection.HangGuard * 2);

            for (var i = 0; i < Connections; i++)
            {
                Assert.Equal((Load - spent[i], Load - spent[i], 0), await estates[0].BalancesAsync(cards[i]));
            }
        }
        finally
        {
            foreach (var pos in connections)
            {
                await pos.DisposeAsync();
            }
        }
    }

    private static async Task SignOnAsync(PosConnection pos, PosTerminal terminal)
    {
        var signOn = terminal.SignOn();
        IsoAssert.Answered(signOn, await pos.ExchangeAsync(signOn), 0, terminal.Key);
    }

    /// <summary>Purchase, balance inquiry, hold, completion, one request at a time; returns what the card paid.</summary>
    private static async Task<long> TradeAsync(PosConnection pos, PosTerminal terminal, string card)
    {
        var buy = terminal.Buy(card, 300);
        var bought = await pos.ExchangeAsync(buy);
        IsoAssert.Approved(buy, bought, terminal.Key);
        Assert.Equal(Load - 300, bought.Available);

        var inquiry = terminal.Inquire(card);
        var balances = await pos.ExchangeAsync(inquiry);
        IsoAssert.Approved(inquiry, balances, terminal.Key);
        Assert.Equal(Load - 300, balances.Available);

        var hold = terminal.Authorize(card, 1_000);
        var held = await pos.ExchangeAsync(hold);
        IsoAssert.Approved(hold, held, terminal.Key);
        Assert.Equal(Load - 1_300, held.Available);

        var completion = terminal.Complete(card, 200, hold);
        IsoAssert.Answered(completion, await pos.ExchangeAsync(completion), 0, terminal.Key);
        return 500;
    }

    /// <summary>Many purchases outstanding at once on one connection, answers matched by terminal + STAN.</summary>
    private static async Task<long> PipelineAsync(PosConnection pos, PosTerminal terminal, string card)
    {
        var requests = Enumerable.Range(1, Pipelined).Select(n => terminal.Buy(card, n)).ToArray();
        var answers = requests.Select(r => pos.Expect(r.TerminalId, r.Stan)).ToArray();
        foreach (var request in requests)
        {
            await pos.SendAsync(request.Frame);
        }

        await Task.WhenAll(answers).WaitAsync(PosConnection.HangGuard);
        for (var n = 0; n < Pipelined; n++)
        {
            IsoAssert.Approved(requests[n], answers[n].Result, terminal.Key);
        }

        var total = Pipelined * (Pipelined + 1) / 2;
        Assert.Contains(answers, a => a.Result.Available == Load - total);
        return total;
    }
}
