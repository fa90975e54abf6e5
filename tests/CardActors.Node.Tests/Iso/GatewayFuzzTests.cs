using System.Globalization;
using CardActors.Iso8583;
using CardActors.Node.Tests.Iso.Support;
using Xunit.Abstractions;

namespace CardActors.Node.Tests.Iso;

/// <summary>
/// A seeded mutation run against the live gateway: valid MACed requests, damaged, sent over a
/// socket. Every complete frame is answered with a well-formed response (or, when the framing
/// breaks, the connection is closed), the node survives, no money moves (a damaged message never
/// passes its MAC, an intact one is a retransmission), and normal traffic is answered afterwards.
/// CARDACTORS_ISO_FUZZ_SEED and CARDACTORS_ISO_FUZZ_CASES change the run.
/// </summary>
public sealed class GatewayFuzzTests(IsoNodeFixture fixture, ITestOutputHelper output) : IClassFixture<IsoNodeFixture>
{
    private const int DefaultSeed = 20_261_122;
    private const int DefaultCases = 5_000;

    [Fact]
    public async Task Mutated_frames_are_answered_or_close_their_connection_and_move_no_money()
    {
        var seed = FromEnvironment("CARDACTORS_ISO_FUZZ_SEED", DefaultSeed);
        var cases = FromEnvironment("CARDACTORS_ISO_FUZZ_CASES", DefaultCases);
        output.WriteLine($"gateway fuzz: seed {seed}, {cases} cases");
        await using var s = await IsoSession.StartAsync(fixture.Node);
        var first = await s.Estate.IssueCardAsync(50_000);
        var second = await s.Estate.IssueCardAsync(50_000);
        var corpus = await SendCorpusAsync(s, first, second);
        var before = (await s.BalancesAsync(first), await s.BalancesAsync(second));

        var mutator = new WireMutator(corpus, seed);
        var codes = new SortedDictionary<int, int>();
        int framingBreaks = 0, answers = 0;
        var pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
        try
        {
            for (var i = 0; i < cases; i++)
            {
                var bytes = mutator.Next();
                var expected = FramingOutcome.Of(bytes);
                var where = $"seed {seed}, case {i}: {Convert.ToHexString(bytes)}";
                await pos.SendAsync(bytes);
                var received = 0;
                while (received < expected.Frames)
                {
                    var answer = await pos.NextUnmatchedOrClosedAsync();
                    if (answer is null)
                    {
                        Assert.True(expected.Broken, $"{where}: the connection closed though its framing was intact");
                        break;
                    }

                    Check(answer, s.Terminal, where);
                    codes[answer.Code] = codes.GetValueOrDefault(answer.Code) + 1;
                    received++;
                }

                answers += received;
                if (expected.Broken || expected.Incomplete)
                {
                    if (expected.Broken)
                    {
                        framingBreaks++;
                        await pos.Closed.WaitAsync(PosConnection.HangGuard);
                        Assert.Null(await pos.NextUnmatchedOrClosedAsync());
                    }

                    await pos.DisposeAsync();
                    pos = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
                }
            }

            var echo = s.Terminal.Echo();
            IsoAssert.Answered(echo, await pos.ExchangeAsync(echo), 0, s.Terminal.Key);
            Assert.False(pos.TryTakeUnmatched(out var extra), $"seed {seed}: an answer no frame asked for: {extra}");
        }
        finally
        {
            await pos.DisposeAsync();
        }

        output.WriteLine($"gateway fuzz: {answers} answers, {framingBreaks} framing breaks; by response code: " +
            string.Join(", ", codes.Select(c => $"{c.Key:D2}: {c.Value}")));
        Assert.True(codes.ContainsKey(30) && codes.ContainsKey(12) && framingBreaks > 0, $"seed {seed}: the mutations do not reach every outcome");

        Assert.True((await fixture.Node.Http.GetAsync("/healthz")).IsSuccessStatusCode);
        Assert.Equal(before, (await s.BalancesAsync(first), await s.BalancesAsync(second)));
        await using var after = await PosConnection.OpenAsync(fixture.Node.IsoEndpoint);
        var signOn = s.Terminal.SignOn();
        IsoAssert.Answered(signOn, await after.ExchangeAsync(signOn), 0, s.Terminal.Key);
        var buy = s.Terminal.Buy(first, 100);
        IsoAssert.Approved(buy, await after.ExchangeAsync(buy), s.Terminal.Key);
        Assert.Equal(before.Item1.Main - 100, (await s.BalancesAsync(first)).Main);
    }

    /// <summary>One request of every type, each answered once, so that any intact copy later is a retransmission.</summary>
    private static async Task<IReadOnlyList<byte[]>> SendCorpusAsync(IsoSession s, string first, string second)
    {
        var t = s.Terminal;
        var hold = t.Authorize(first, 1_000);
        var purchase = t.Buy(first, 2_000);
        var reversed = t.Buy(second, 700);
        var advised = t.Authorize(second, 300);
        var corpus = new List<PosRequest>
        {
            t.SignOn(), t.Echo(), t.Echo(PosMac.None), hold, purchase, reversed, advised,
            t.GiveBack(first, 500, purchase), t.Load(second, 1_000), t.Inquire(first),
            t.Complete(first, 800, hold), t.Reverse(second, 700, reversed), t.Reverse(second, 300, advised, advice: true),
            t.Totals(1122, 1, (1, 1_500), (0, 0), (2, 2_800), (1, 700)),
        };
        foreach (var request in corpus)
        {
            var answer = await s.ExchangeAsync(request);
            Assert.True(answer.Parsed && answer.Code == 0, $"corpus {request.Type}: {answer}");
        }

        return corpus.Select(r => r.Frame).ToList();
    }

    private static void Check(IsoAnswer answer, PosTerminal terminal, string where)
    {
        if (!answer.Parsed)
        {
            IsoAssert.FormatErrorOfAnyType(answer, where);
            return;
        }

        Assert.True(answer.Mti / 10 % 10 is 1 or 3, $"{where}: {answer} is not a response");
        Assert.True(answer.Code >= 0, $"{where}: {answer} has no response code");
        Assert.False(answer.Has(FieldNumber.PrimaryAccountNumber), $"{where}: {answer} carries a PAN");
        if (answer.HasMac)
        {
            Assert.True(answer.MacVerifies(terminal.Key), $"{where}: {answer} is MACed under another key");
        }
    }

    private static int FromEnvironment(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fallback;
}
