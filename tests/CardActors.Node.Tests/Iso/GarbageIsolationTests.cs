using CardActors.Node.Tests.Iso.Support;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// A client misbehaving on its own connection never disturbs the others (docs/iso8583.md §1, §13):
/// garbage that frames is answered 30 and the connection stays; garbage that breaks the framing
/// closes that connection; a client that goes quiet mid-frame, or trickles a frame byte by byte, is
/// closed at the idle timeout. Meanwhile other connections trade with correct answers throughout.
/// </summary>
public sealed class GarbageIsolationTests : IClassFixture<GarbageIsolationTests.ShortIdleNode>
{
    private const int Traders = 16;
    private const int MinimumTrades = 20;
    private const long Load = 100_000;
    private readonly ShortIdleNode _fixture;

    public GarbageIsolationTests(ShortIdleNode fixture) => _fixture = fixture;

    [Fact]
    public async Task Garbage_and_slow_clients_leave_the_other_connections_trading_correctly()
    {
        var node = _fixture.Node;
        var estate = await IsoEstate.CreateAsync(node, terminals: Traders);
        var cards = await estate.IssueCardsAsync(Traders, Load);
        var traders = new List<PosConnection>();
        foreach (var terminal in estate.Terminals)
        {
            var pos = await PosConnection.OpenAsync(node.IsoEndpoint);
            traders.Add(pos);
            var signOn = terminal.SignOn();
            IsoAssert.Answered(signOn, await pos.ExchangeAsync(signOn), 0, terminal.Key);
        }

        try
        {
            var misbehaving = Task.WhenAll(
                GarbageThatFramesAsync(node, estate.Terminal, seed: 1),
                GarbageThatFramesAsync(node, estate.Terminal, seed: 2),
                BrokenFramingAsync(node, [0x00, 0x00, 0x08, 0x00]),
                BrokenFramingAsync(node, [0xFF, 0xFF, 0x01, 0x02, 0x03]),
                BrokenFramingAsync(node, [0x08, 0x01, .. new byte[2049]]),
                SilentMidFrameAsync(node),
                SilentAfterConnectAsync(node),
                TrickleAsync(node));
            var trades = await Task.WhenAll(traders.Select((pos, i) => TradeAsync(pos, estate.Terminals[i], cards[i], misbehaving))).WaitAsync(PosConnection.HangGuard * 2);
            await misbehaving;

            for (var i = 0; i < Traders; i++)
            {
                Assert.Equal((Load - trades[i], Load - trades[i], 0), await estate.BalancesAsync(cards[i]));
            }
        }
        finally
        {
            foreach (var pos in traders)
            {
                await pos.DisposeAsync();
            }
        }
    }

    /// <summary>Purchases of 1 fen, one after the other, until the misbehaving clients are done; returns how many.</summary>
    private static async Task<int> TradeAsync(PosConnection pos, PosTerminal terminal, string card, Task misbehaving)
    {
        var trades = 0;
        while (trades < MinimumTrades || !misbehaving.IsCompleted)
        {
            var buy = terminal.Buy(card, 1);
            var answer = await pos.ExchangeAsync(buy);
            IsoAssert.Approved(buy, answer, terminal.Key);
            trades++;
            Assert.Equal(Load - trades, answer.Available);
        }

        return trades;
    }

    /// <summary>Well-framed messages of random content: each is answered 30, and an echo afterwards still works.</summary>
    private static async Task GarbageThatFramesAsync(Tests.Support.TestNode node, PosTerminal terminal, int seed)
    {
        var random = new Random(seed);
        await using var pos = await PosConnection.OpenAsync(node.IsoEndpoint);
        const int Frames = 50;
        for (var i = 0; i < Frames; i++)
        {
            var body = new byte[random.Next(1, 200)];
            random.NextBytes(body);
            body[0] = 0x02; // an MTI of 02xx, so most frames reach the parser's field checks
            byte[] frame = [(byte)(body.Length >> 8), (byte)body.Length, .. body];
            await pos.SendAsync(frame);
        }

        for (var i = 0; i < Frames; i++)
        {
            IsoAssert.FormatErrorOfAnyType(await pos.NextUnmatchedAsync(), $"seed {seed}, frame {i}");
        }

        var echo = terminal.Echo(PosMac.None);
        IsoAssert.Refused(echo, await pos.ExchangeAsync(echo), 0);
    }

    /// <summary>A header of 0 or above 2048: the gateway closes this connection without answering.</summary>
    private static async Task BrokenFramingAsync(Tests.Support.TestNode node, byte[] bytes)
    {
        await using var pos = await PosConnection.OpenAsync(node.IsoEndpoint);
        await pos.SendAsync(bytes);
        await pos.Closed.WaitAsync(PosConnection.HangGuard);
        Assert.Null(await pos.NextUnmatchedOrClosedAsync());
    }

    /// <summary>Half a frame, then nothing: closed at the idle timeout.</summary>
    private static async Task SilentMidFrameAsync(Tests.Support.TestNode node)
    {
        await using var pos = await PosConnection.OpenAsync(node.IsoEndpoint);
        await pos.SendAsync(new byte[] { 0x00, 0x64, 0x02, 0x00, 0x72, 0x38 });
        await pos.Closed.WaitAsync(PosConnection.HangGuard);
    }

    private static async Task SilentAfterConnectAsync(Tests.Support.TestNode node)
    {
        await using var pos = await PosConnection.OpenAsync(node.IsoEndpoint);
        await pos.Closed.WaitAsync(PosConnection.HangGuard);
    }

    /// <summary>
    /// A slowloris: a 2,048-byte frame sent a byte at a time, far slower than it takes to time out
    /// but each byte well within the idle timeout. Finishing the frame would take longer than the
    /// hang guard, so only a gateway that bounds how long a frame may take closes it in time.
    /// </summary>
    private static async Task TrickleAsync(Tests.Support.TestNode node)
    {
        await using var pos = await PosConnection.OpenAsync(node.IsoEndpoint);
        await pos.SendAsync(new byte[] { 0x08, 0x00 });
        using var pace = new PeriodicTimer(ShortIdleNode.IdleTimeout / 10);
        using var hangGuard = new CancellationTokenSource(PosConnection.HangGuard);
        while (!pos.Closed.IsCompleted && !hangGuard.IsCancellationRequested)
        {
            try
            {
                await pos.SendAsync(new byte[] { 0x30 });
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(pace.WaitForNextTickAsync().AsTask(), pos.Closed);
        }

        await Task.WhenAny(pos.Closed, Task.Delay(Timeout.Infinite, hangGuard.Token));
        Assert.True(pos.Closed.IsCompleted, "a frame trickled in byte by byte was never timed out");
    }

    /// <summary>A node whose ISO connections idle out after three seconds.</summary>
    public sealed class ShortIdleNode : IAsyncLifetime
    {
        public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);
        private Tests.Support.TestNode? _node;

        public Tests.Support.TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

        public async Task InitializeAsync() => _node = await Tests.Support.TestNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CardActors:Iso8583:IdleTimeout"] = IdleTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });

        public async Task DisposeAsync()
        {
            if (_node is not null)
            {
                await _node.DisposeAsync();
            }
        }
    }
}
