using CardActors.Iso8583;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>0800 sign-on, sign-off and echo test (docs/iso8583.md §8).</summary>
public sealed class NetworkManagementTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task Sign_on_echo_and_sign_off_are_answered_00_under_the_terminals_key()
    {
        var estate = await IsoEstate.CreateAsync(fixture.Node);
        var terminal = estate.Terminal;
        await using var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);

        foreach (var request in new[] { terminal.SignOn(), terminal.Echo(), terminal.SignOn(), terminal.SignOff() })
        {
            var answer = await pos.ExchangeAsync(request);
            IsoAssert.Answered(request, answer, 0, terminal.Key);
            Assert.True(answer.Has(FieldNumber.SecondaryMac), "an 0810 has field 70, so its MAC is field 128");
        }
    }

    [Fact]
    public async Task An_echo_without_a_mac_is_answered_00_without_a_mac_signed_on_or_not()
    {
        var estate = await IsoEstate.CreateAsync(fixture.Node);
        var terminal = estate.Terminal;
        await using var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);

        var echo = terminal.Echo(PosMac.None);
        IsoAssert.Refused(echo, await pos.ExchangeAsync(echo), 0);
    }

    [Fact]
    public async Task An_echo_with_a_wrong_mac_is_refused_12()
    {
        var estate = await IsoEstate.CreateAsync(fixture.Node);
        await using var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);

        var echo = estate.Terminal.Echo(PosMac.Wrong);
        IsoAssert.Refused(echo, await pos.ExchangeAsync(echo), 12);
    }

    [Fact]
    public async Task Sign_on_and_sign_off_need_a_mac()
    {
        var estate = await IsoEstate.CreateAsync(fixture.Node);
        var terminal = estate.Terminal;
        await using var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);

        var unsigned = terminal.SignOn(PosMac.None);
        IsoAssert.FormatError(await pos.ExchangeAsync(unsigned), 810);
        var forged = terminal.SignOn(PosMac.Wrong);
        IsoAssert.Refused(forged, await pos.ExchangeAsync(forged), 12);

        var card = await estate.IssueCardAsync(10_000);
        var buy = terminal.Buy(card, 100);
        IsoAssert.Declined(buy, await pos.ExchangeAsync(buy), 12, terminal.Key);
    }

    [Fact]
    public async Task Transactions_before_sign_on_and_after_sign_off_are_answered_12_and_move_nothing()
    {
        var estate = await IsoEstate.CreateAsync(fixture.Node);
        var terminal = estate.Terminal;
        var card = await estate.IssueCardAsync(10_000);
        await using var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);

        var early = terminal.Authorize(card, 1_000);
        IsoAssert.Declined(early, await pos.ExchangeAsync(early), 12, terminal.Key);
        var earlyBuy = terminal.Buy(card, 1_000);
        IsoAssert.Declined(earlyBuy, await pos.ExchangeAsync(earlyBuy), 12, terminal.Key);
        var earlyReversal = terminal.Reverse(card, 1_000, earlyBuy);
        IsoAssert.Declined(earlyReversal, await pos.ExchangeAsync(earlyReversal), 12, terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await estate.BalancesAsync(card));

        await pos.ExchangeAsync(terminal.SignOn());
        var buy = terminal.Buy(card, 1_000);
        IsoAssert.Approved(buy, await pos.ExchangeAsync(buy), terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await estate.BalancesAsync(card));

        var signOff = terminal.SignOff();
        IsoAssert.Answered(signOff, await pos.ExchangeAsync(signOff), 0, terminal.Key);
        var late = terminal.Buy(card, 1_000);
        IsoAssert.Declined(late, await pos.ExchangeAsync(late), 12, terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task Sign_on_belongs_to_the_terminal_not_to_the_connection()
    {
        var estate = await IsoEstate.CreateAsync(fixture.Node);
        var terminal = estate.Terminal;
        var card = await estate.IssueCardAsync(10_000);
        await using (var first = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint))
        {
            var signOn = terminal.SignOn();
            IsoAssert.Answered(signOn, await first.ExchangeAsync(signOn), 0, terminal.Key);
        }

        await using var second = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
        var buy = terminal.Buy(card, 500);
        IsoAssert.Approved(buy, await second.ExchangeAsync(buy), terminal.Key);

        var otherAcquirer = terminal.With(acquirerId: 87654321);
        var foreign = otherAcquirer.Buy(card, 500);
        IsoAssert.Declined(foreign, await second.ExchangeAsync(foreign), 12, terminal.Key);
        Assert.Equal((9_500, 9_500, 0), await estate.BalancesAsync(card));
    }

    [Fact]
    public async Task Advices_and_batch_totals_need_no_sign_on()
    {
        var estate = await IsoEstate.CreateAsync(fixture.Node);
        var terminal = estate.Terminal;
        var card = await estate.IssueCardAsync(10_000);
        await using var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);

        var never = terminal.Buy(card, 700);
        var advice = terminal.Reverse(card, 700, never, advice: true);
        IsoAssert.Answered(advice, await pos.ExchangeAsync(advice), 0, terminal.Key);
        var totals = terminal.Totals(1122, 1, (0, 0), (0, 0), (0, 0), (0, 0));
        IsoAssert.Answered(totals, await pos.ExchangeAsync(totals), 0, terminal.Key);
    }
}
