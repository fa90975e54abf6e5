using CardActors.Iso8583;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// How a message becomes a card transaction (docs/iso8583.md §9): the terminal is known by its
/// merchant and terminal id together, so equal terminal ids of two merchants never share
/// transactions, sign-on or duplicate detection.
/// </summary>
public sealed class TransactionIdentityTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task Two_merchants_terminals_with_the_same_id_and_stan_are_two_transactions()
    {
        var first = await IsoEstate.CreateAsync(fixture.Node, terminals: 0);
        var second = await IsoEstate.CreateAsync(fixture.Node, terminals: 0);
        var a = await first.AddTerminalAsync("SHARED01");
        var b = await second.AddTerminalAsync("SHARED01");
        var card = await first.IssueCardAsync(10_000);
        await using var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
        var signOnA = a.SignOn();
        IsoAssert.Answered(signOnA, await pos.ExchangeAsync(signOnA), 0, a.Key);
        var signOnB = b.SignOn();
        IsoAssert.Answered(signOnB, await pos.ExchangeAsync(signOnB), 0, b.Key);

        var buyA = a.Buy(card, 1_000);
        var buyB = b.Buy(card, 1_000);
        Assert.Equal((buyA.Stan, buyA.TransmissionDateTime), (buyB.Stan, buyB.TransmissionDateTime));
        var paidA = await pos.ExchangeAsync(buyA);
        IsoAssert.Approved(buyA, paidA, a.Key);
        var paidB = await pos.ExchangeAsync(buyB);
        IsoAssert.Approved(buyB, paidB, b.Key);
        Assert.NotEqual(paidA.ApprovalCode, paidB.ApprovalCode);
        Assert.Equal((8_000, 8_000, 0), await first.BalancesAsync(card));
    }

    [Fact]
    public async Task Sign_on_of_one_merchants_terminal_does_not_sign_on_another_merchants_terminal_with_the_same_id()
    {
        var first = await IsoEstate.CreateAsync(fixture.Node, terminals: 0);
        var second = await IsoEstate.CreateAsync(fixture.Node, terminals: 0);
        var a = await first.AddTerminalAsync("SHARED02");
        var b = await second.AddTerminalAsync("SHARED02");
        var card = await second.IssueCardAsync(10_000);
        await using var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
        var signOnA = a.SignOn();
        IsoAssert.Answered(signOnA, await pos.ExchangeAsync(signOnA), 0, a.Key);

        var buyB = b.Buy(card, 1_000);
        IsoAssert.Declined(buyB, await pos.ExchangeAsync(buyB), 12, b.Key);
        Assert.Equal((10_000, 10_000, 0), await second.BalancesAsync(card));
    }

    [Fact]
    public async Task The_same_stan_on_another_transmission_date_time_is_another_transaction()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var buy = s.Terminal.Buy(card, 1_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var nextDay = s.Terminal.Request(MessageType.FinancialRequest, b =>
        {
            RetransmissionTests.CopyPurchase(b, card, 1_000, buy);
            b.SetNumeric(FieldNumber.TransmissionDateTime, buy.TransmissionDateTime + 1_000_000);
        }, stan: buy.Stan);
        IsoAssert.Approved(nextDay, await s.ExchangeAsync(nextDay), s.Terminal.Key);
        Assert.Equal((8_000, 8_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task The_same_stan_from_another_acquirer_is_another_transaction()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var viaOther = s.Terminal.With(acquirerId: 99887766);
        var signOn = viaOther.SignOn();
        IsoAssert.Answered(signOn, await s.ExchangeAsync(signOn), 0, s.Terminal.Key);

        var buy = s.Terminal.Buy(card, 1_000);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), s.Terminal.Key);
        var same = viaOther.Request(MessageType.FinancialRequest, b => RetransmissionTests.CopyPurchase(b, card, 1_000, buy), stan: buy.Stan);
        IsoAssert.Approved(same, await s.ExchangeAsync(same), s.Terminal.Key);
        Assert.Equal((8_000, 8_000, 0), await s.BalancesAsync(card));
    }
}
