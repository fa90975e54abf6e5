using CardActors.Domain.Identifiers;
using CardActors.Node.Gateway;
using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// The gateway's payment-code book on a clock the test moves: a code lives a minute, pays once for
/// one transaction, and stays resolvable for that transaction's retransmissions and follow-ups.
/// </summary>
public sealed class PaymentCodeExpiryTests
{
    private static readonly CardNumber Card = CardNumber.Parse("6277000000000011");

    [Fact]
    public void A_code_used_after_its_minute_is_refused()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));
        var codes = new PaymentCodes(clock);
        var (code, expiresAt) = codes.Issue(Card);
        Assert.Equal(clock.GetUtcNow().AddMinutes(1), expiresAt);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(codes.TryResolve(System.Text.Encoding.ASCII.GetBytes(code), new TransactionId(7), out _));
    }

    [Fact]
    public void A_code_used_within_its_minute_pays_once_and_is_remembered_for_its_transaction()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));
        var codes = new PaymentCodes(clock);
        var bytes = System.Text.Encoding.ASCII.GetBytes(codes.Issue(Card).Code);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(codes.TryResolve(bytes, new TransactionId(7), out var card));
        Assert.Equal(Card, card);
        Assert.False(codes.TryResolve(bytes, new TransactionId(8), out _));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(codes.TryResolve(bytes, new TransactionId(7), out _));
        Assert.True(codes.TryFindCard(new TransactionId(7), out var followed));
        Assert.Equal(Card, followed);
    }
}
