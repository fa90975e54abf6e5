using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Iso;

public sealed class IsoTransportTests
{
    [Fact]
    public async Task Every_connection_signs_all_its_terminals_on_before_it_sends_a_transaction()
    {
        await using var harness = await IsoHarness.StartAsync(merchants: 3, terminalsPerMerchant: 2, connections: 2);
        for (var i = 0; i < 30; i++)
        {
            harness.Send(IsoHarness.Fresh(i, OperationKind.Purchase, 1_000 + i, merchant: i % 3));
        }

        harness.Target.Flush();
        await harness.Sink.WaitForAsync(30);

        var received = harness.Gateway.Received;
        foreach (var connection in received.GroupBy(m => m.Connection))
        {
            var messages = connection.ToList();
            var signOns = messages.TakeWhile(m => m.IsSignOn).ToList();
            Assert.Equal(3, signOns.Count);
            Assert.All(messages.Skip(signOns.Count), m => Assert.True(m.IsTrading, "a sign-on came after trading began"));
            Assert.All(messages.Skip(signOns.Count), m => Assert.Contains(m.TerminalId, signOns.Select(s => s.TerminalId)));
        }

        Assert.Equal(6, received.Count(m => m.IsSignOn));
        Assert.Equal(6, received.Where(m => m.IsSignOn).Select(m => m.TerminalId).Distinct().Count());
        Assert.All(received, m => Assert.True(m.MacValid, $"{m.Mti:D4} STAN {m.Stan} of {m.TerminalId} has no valid MAC"));
        Assert.All(harness.Sink.Outcomes, o => Assert.True(o.IsApproved));
        Assert.Equal(6, harness.Target.Statistics.SignOns);
    }

    [Fact]
    public async Task Many_requests_are_in_flight_on_one_connection_and_answers_in_reverse_order_find_their_requests()
    {
        // The gateway answers only once it holds 40 answers, and then last first: every request of a
        // batch was in flight together, and each answer must be matched by terminal and STAN.
        await using var harness = await IsoHarness.StartAsync(merchants: 2, terminalsPerMerchant: 2, connections: 1, prepare: gateway =>
        {
            gateway.ReverseBatch = 40;
            gateway.Decide = m => m.Amount % 2 == 0 ? "00" : "51";
        });
        for (var i = 0; i < 120; i++)
        {
            harness.Send(IsoHarness.Fresh(i, OperationKind.Purchase, 2_000 + i, merchant: i % 2));
            if (i % 7 == 0)
            {
                harness.Target.Flush();
            }
        }

        harness.Target.Flush();
        await harness.Sink.WaitForAsync(120);

        for (var i = 0; i < 120; i++)
        {
            Assert.Equal(i % 2 == 0 ? "00" : "51", harness.Sink[i].ToString());
        }

        var trading = harness.Gateway.Received.Where(m => m.IsTrading).ToList();
        Assert.Equal(120, trading.Count);
        foreach (var terminal in trading.GroupBy(m => m.TerminalId))
        {
            var stans = terminal.Select(m => m.Stan).ToList();
            Assert.Equal(stans.Order(), stans);
            Assert.Equal(stans.Count, stans.Distinct().Count());
        }
    }

    [Fact]
    public async Task A_request_left_unanswered_completes_as_a_timeout_and_the_others_are_answered()
    {
        // The target's clock moves only when the test moves it: an answer, however slow on a busy
        // machine, comes before the deadline, and the deadline passes only once all answers are in.
        var clock = new VirtualLoadClock(1_000_000_000);
        await using var harness = await IsoHarness.StartAsync(
            configure: o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300) },
            prepare: gateway => gateway.Decide = m => m.Amount == 777 ? null : "00",
            clock: clock);
        long[] amounts = [1_000, 777, 1_200, 777, 1_500, 777];
        for (var i = 0; i < amounts.Length; i++)
        {
            harness.Send(IsoHarness.Fresh(i, OperationKind.Authorize, amounts[i]));
        }

        harness.Target.Flush();
        await harness.Sink.WaitForAsync(3);
        Assert.Equal(0, harness.Target.Statistics.TimedOut);
        clock.AdvanceBy(Nanoseconds.From(TimeSpan.FromMilliseconds(301)));
        await harness.Sink.WaitForAsync(amounts.Length);

        for (var i = 0; i < amounts.Length; i++)
        {
            var expected = amounts[i] == 777 ? LoadOutcome.FromTransportError(TransportErrorKind.Timeout) : LoadOutcome.Approved;
            Assert.Equal(expected, harness.Sink[i]);
        }

        Assert.Equal(3, harness.Target.Statistics.TimedOut);
    }

    [Fact]
    public async Task A_dropped_connection_fails_what_was_outstanding_then_reconnects_and_signs_on_again()
    {
        await using var harness = await IsoHarness.StartAsync(merchants: 2, prepare: gateway =>
        {
            gateway.DropAfter = 5;
            gateway.Decide = m => m.Connection == 0 ? null : "00";
        });
        for (var i = 0; i < 5; i++)
        {
            harness.Send(IsoHarness.Fresh(i, OperationKind.Purchase, 1_000, merchant: i % 2));
        }

        harness.Target.Flush();
        await harness.Sink.WaitForAsync(5);
        Assert.All(harness.Sink.Outcomes, o => Assert.Equal(LoadOutcome.FromTransportError(TransportErrorKind.ConnectionFailed), o));

        await Eventually.HoldsAsync(() => harness.Target.ReadyConnections == 1 && harness.Target.Statistics.Connects == 2, "the reconnect");
        for (var i = 5; i < 15; i++)
        {
            harness.Send(IsoHarness.Fresh(i, OperationKind.Purchase, 1_000, merchant: i % 2));
        }

        harness.Target.Flush();
        await harness.Sink.WaitForAsync(15);

        Assert.All(Enumerable.Range(5, 10), i => Assert.True(harness.Sink[i].IsApproved));
        var second = harness.Gateway.Received.Where(m => m.Connection == 1).ToList();
        Assert.Equal(2, second.TakeWhile(m => m.IsSignOn).Count());
        Assert.Equal(10, second.Count(m => m.IsTrading));
        var statistics = harness.Target.Statistics;
        Assert.Equal(1, statistics.Disconnects);
        Assert.Equal(5, statistics.FailedOnDisconnect);
    }

    [Fact]
    public async Task An_answer_whose_MAC_does_not_verify_completes_the_request_as_malformed()
    {
        await using var harness = await IsoHarness.StartAsync(prepare: gateway => gateway.CorruptMac = true);
        harness.Send(IsoHarness.Fresh(0, OperationKind.Purchase, 1_000));
        harness.Target.Flush();
        await harness.Sink.WaitForAsync(1);

        Assert.Equal(LoadOutcome.FromTransportError(TransportErrorKind.MalformedResponse), harness.Sink[0]);
        Assert.Equal(1, harness.Target.Statistics.MalformedResponses);
    }
}
