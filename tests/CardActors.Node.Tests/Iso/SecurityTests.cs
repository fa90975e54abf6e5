using System.Net.Http.Json;
using CardActors.Iso8583;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>MAC, terminal and merchant checks (docs/iso8583.md §8, §11): nothing is done for a request that fails them.</summary>
public sealed class SecurityTests(IsoNodeFixture fixture) : IClassFixture<IsoNodeFixture>
{
    [Fact]
    public async Task A_request_whose_mac_does_not_verify_is_refused_12_without_a_mac_and_moves_nothing()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var forged = s.Terminal.Buy(card, 1_000, mac: PosMac.Wrong);
        IsoAssert.Refused(forged, await s.ExchangeAsync(forged), 12);
        var forgedAdvice = s.Terminal.Reverse(card, 1_000, forged, advice: true, mac: PosMac.Wrong);
        IsoAssert.Refused(forgedAdvice, await s.ExchangeAsync(forgedAdvice), 12);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        var otherKey = s.Terminal.With(key: new MacKey(new byte[MacKey.Length]));
        var wrongKey = otherKey.Authorize(card, 1_000);
        IsoAssert.Refused(wrongKey, await s.ExchangeAsync(wrongKey), 12);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_request_that_failed_its_mac_is_not_remembered_so_the_corrected_one_is_processed()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var stan = s.Terminal.NextStan();
        var forged = s.Terminal.Request(MessageType.FinancialRequest, b => RetransmissionTests.CopyPurchase(b, card, 1_000, s.Terminal.Buy(card, 1_000)), PosMac.Wrong, stan);
        IsoAssert.Refused(forged, await s.ExchangeAsync(forged), 12);
        var corrected = s.Terminal.Request(MessageType.FinancialRequest, b => RetransmissionTests.CopyPurchase(b, card, 1_000, forged), PosMac.Valid, stan);
        IsoAssert.Approved(corrected, await s.ExchangeAsync(corrected), s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_request_without_a_mac_is_a_format_error_30()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var bare = s.Terminal.Buy(card, 1_000, mac: PosMac.None);
        IsoAssert.FormatError(await s.ExchangeAsync(bare), 210);
        var bareAdvice = s.Terminal.Complete(card, 1_000, bare, mac: PosMac.None);
        IsoAssert.FormatError(await s.ExchangeAsync(bareAdvice), 230);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task An_unknown_terminal_or_merchant_is_refused_12_without_a_mac()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var stranger = s.Terminal.With(terminalId: "NOSUCHT1");
        foreach (var request in new[] { stranger.SignOn(), stranger.Echo(), stranger.Buy(card, 100) })
        {
            IsoAssert.Refused(request, await s.ExchangeAsync(request), 12);
        }

        var noMerchant = s.Terminal.With(merchantId: "NOSUCHMERCHANT1");
        foreach (var request in new[] { noMerchant.SignOn(), noMerchant.Buy(card, 100) })
        {
            IsoAssert.Refused(request, await s.ExchangeAsync(request), 12);
        }

        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_terminal_presented_under_another_merchant_is_refused_12()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var other = await IsoEstate.CreateAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);

        var borrowed = s.Terminal.With(merchantId: other.MerchantId);
        foreach (var request in new[] { borrowed.SignOn(), borrowed.Buy(card, 100), borrowed.Reverse(card, 100, borrowed.Buy(card, 100), advice: true) })
        {
            IsoAssert.Refused(request, await s.ExchangeAsync(request), 12);
        }

        var otherWithOurKey = other.Terminal.With(key: s.Terminal.Key);
        var mixed = otherWithOurKey.SignOn();
        IsoAssert.Refused(mixed, await s.ExchangeAsync(mixed), 12);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task A_suspended_merchant_is_answered_05_and_cannot_sign_on_until_reactivated()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        await s.Estate.SuspendAsync();

        var hold = s.Terminal.Authorize(card, 1_000);
        IsoAssert.Declined(hold, await s.ExchangeAsync(hold), 5, s.Terminal.Key);
        var buy = s.Terminal.Buy(card, 1_000);
        IsoAssert.Declined(buy, await s.ExchangeAsync(buy), 5, s.Terminal.Key);
        var signOn = s.Terminal.SignOn();
        IsoAssert.Answered(signOn, await s.ExchangeAsync(signOn), 12, s.Terminal.Key);
        Assert.Equal((10_000, 10_000, 0), await s.BalancesAsync(card));

        await s.Estate.ReactivateAsync();
        var again = s.Terminal.SignOn();
        IsoAssert.Answered(again, await s.ExchangeAsync(again), 0, s.Terminal.Key);
        var after = s.Terminal.Buy(card, 1_000);
        IsoAssert.Approved(after, await s.ExchangeAsync(after), s.Terminal.Key);
        Assert.Equal((9_000, 9_000, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task During_a_key_rotation_both_keys_verify_and_each_answer_is_maced_with_the_key_of_its_request()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var rotated = await RotateAsync(s.Estate, s.Terminal);

        var withNew = rotated.Buy(card, 100);
        IsoAssert.Approved(withNew, await s.ExchangeAsync(withNew), rotated.Key);
        var withOld = s.Terminal.Buy(card, 100);
        IsoAssert.Approved(withOld, await s.ExchangeAsync(withOld), s.Terminal.Key);

        var retire = await fixture.Node.Http.PostAsync($"/api/merchants/{s.Estate.MerchantId}/terminals/{s.Terminal.TerminalId}/mac-key/retire-previous", null);
        Assert.True(retire.IsSuccessStatusCode);
        var late = s.Terminal.Buy(card, 100);
        IsoAssert.Refused(late, await s.ExchangeAsync(late), 12);
        Assert.Equal((9_800, 9_800, 0), await s.BalancesAsync(card));
    }

    [Fact]
    public async Task Retiring_the_key_a_terminal_signed_on_with_ends_its_sign_on()
    {
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var card = await s.Estate.IssueCardAsync(10_000);
        var rotated = await RotateAsync(s.Estate, s.Terminal);
        var retire = await fixture.Node.Http.PostAsync($"/api/merchants/{s.Estate.MerchantId}/terminals/{s.Terminal.TerminalId}/mac-key/retire-previous", null);
        Assert.True(retire.IsSuccessStatusCode);

        var unsignedUnderNewKey = rotated.Buy(card, 100);
        IsoAssert.Declined(unsignedUnderNewKey, await s.ExchangeAsync(unsignedUnderNewKey), 12, rotated.Key);
        var signOn = rotated.SignOn();
        IsoAssert.Answered(signOn, await s.ExchangeAsync(signOn), 0, rotated.Key);
        var buy = rotated.Buy(card, 100);
        IsoAssert.Approved(buy, await s.ExchangeAsync(buy), rotated.Key);
        Assert.Equal((9_900, 9_900, 0), await s.BalancesAsync(card));
    }

    private async Task<PosTerminal> RotateAsync(IsoEstate estate, PosTerminal terminal)
    {
        var response = await fixture.Node.Http.PostAsync($"/api/merchants/{estate.MerchantId}/terminals/{terminal.TerminalId}/mac-key", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var key = (await response.Content.ReadFromJsonAsync<TerminalKeyResponse>(IsoEstate.Json))!;
        return terminal.With(key: MacKey.FromHex(key.MacKey));
    }
}
