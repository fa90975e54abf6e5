using System.Net;
using System.Net.Sockets;
using CardActors.Iso8583;
using CardActors.LoadGen.Iso;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Timing;
using CardActors.LoadGen.Transport;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Iso;

public sealed class IsoTransportFailureTests
{
    [Fact]
    public async Task Starting_against_a_port_nobody_listens_on_fails_with_the_address()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (estate, _) = TestEstates.Create(1, 1, 10);
        var options = IsoHarness.Options(port, 1) with { StartTimeout = TimeSpan.FromMilliseconds(300) };
        await using var target = new IsoLoadTarget(options, estate, new SystemLoadClock());

        var failure = await Assert.ThrowsAsync<IsoTargetException>(() => target.StartAsync());

        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.True(target.Statistics.FailedAttempts >= 1);
    }

    [Fact]
    public async Task A_refused_sign_on_fails_the_start_and_names_the_terminal()
    {
        var failure = await Assert.ThrowsAsync<IsoTargetException>(() =>
            IsoHarness.StartAsync(merchants: 1, prepare: gateway => gateway.SignOnCode = "12"));

        Assert.Contains("T0000001", failure.Message, StringComparison.Ordinal);
        Assert.Contains("12", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_rejected_at_once_when_the_queue_behind_a_stalled_gateway_is_full()
    {
        var harness = await IsoHarness.StartAsync(
            configure: o => o with { MaxQueuedBytes = 1024 * 1024, SocketSendBufferSize = 4096 },
            prepare: gateway => gateway.StallReading = true,
            receiveBufferSize: 4096);
        var sent = 0;
        try
        {
            // First fill the socket: a few hundred kilobytes, far beyond the kernel's buffers of a
            // few kilobytes and far below the generator's own limit, then wait until the send loop
            // reports the socket full (the gateway never reads, so it must).
            for (; sent < 2_000; sent++)
            {
                harness.Send(IsoHarness.Fresh(sent, OperationKind.Purchase, 1_000));
            }

            harness.Target.Flush();
            Assert.True(SpinWait.SpinUntil(() => harness.Target.Statistics.SendStalls > 0, TimeSpan.FromSeconds(30)), "the socket never filled");
            Assert.Equal(0, harness.Target.Statistics.RejectedQueueFull);

            // The scheduler is never held up: Send returns while the socket is full, and once the
            // generator's own queue passes its limit the requests end as SendRejected at once.
            while (sent < 200_000 && harness.Target.Statistics.RejectedQueueFull == 0)
            {
                harness.Send(IsoHarness.Fresh(sent++, OperationKind.Purchase, 1_000));
                if (sent % 64 == 0)
                {
                    harness.Target.Flush();
                }
            }

            var statistics = harness.Target.Statistics;
            Assert.True(statistics.RejectedQueueFull > 0, "the queue never filled");
            Assert.True(statistics.WrittenWhileBlocked > 0, "no request was counted as waiting behind the full socket");
            Assert.Equal(LoadOutcome.FromTransportError(TransportErrorKind.SendRejected), harness.Sink[sent - 1]);
        }
        finally
        {
            await harness.DisposeAsync();
        }

        // Disposal completes everything still outstanding, exactly once.
        Assert.Equal(sent, harness.Sink.Count);
        Assert.Contains(LoadOutcome.FromTransportError(TransportErrorKind.Abandoned), harness.Sink.Outcomes);
    }

    [Fact]
    public async Task A_follow_up_whose_original_is_no_longer_remembered_is_rejected()
    {
        await using var harness = await IsoHarness.StartAsync(configure: o => o with { RememberedOriginals = 2 });
        var first = IsoHarness.Fresh(0, OperationKind.Authorize, 1_000);
        harness.Send(first);
        harness.Send(IsoHarness.Fresh(1, OperationKind.Authorize, 1_000));
        harness.Send(IsoHarness.Fresh(2, OperationKind.Purchase, 1_000));
        harness.Send(IsoHarness.FollowUp(3, OperationKind.Complete, first));
        harness.Target.Flush();
        await harness.Sink.WaitForAsync(4);

        Assert.Equal(LoadOutcome.FromTransportError(TransportErrorKind.SendRejected), harness.Sink[3]);
        Assert.Equal(1, harness.Target.Statistics.OriginalsForgotten);
        Assert.Equal(3, harness.Gateway.Received.Count(m => m.IsTrading));
    }

    [Fact]
    public async Task An_echo_test_from_the_gateway_is_answered_with_a_valid_MAC()
    {
        await using var harness = await IsoHarness.StartAsync(merchants: 1);
        harness.Gateway.Keys.TryGetKeys("T0000001"u8, out var key, out _);
        harness.Gateway.SendEcho("T0000001", "MERCHANT0000001", 901, key);

        await harness.Gateway.WaitForAsync(() => harness.Gateway.EchoAnswers.Count == 1, "the echo's answer");

        Assert.Equal((810, "00", true), harness.Gateway.EchoAnswers[0]);
        Assert.Equal(1, harness.Target.Statistics.EchoesAnswered);
    }

    [Fact]
    public async Task An_idle_connection_tests_the_link_with_an_echo()
    {
        await using var harness = await IsoHarness.StartAsync(merchants: 1, configure: o => o with { EchoInterval = TimeSpan.FromMilliseconds(50) });

        await harness.Gateway.WaitUntilAsync(received => received.Any(m => m.IsEcho), "an echo test");

        var echo = harness.Gateway.Received.First(m => m.IsEcho);
        Assert.True(echo.MacValid);
        await Eventually.HoldsAsync(() => harness.Target.Statistics.EchoesSent >= 1, "the echo to be counted");
        Assert.Equal(1, harness.Target.ReadyConnections);
    }

    [Fact]
    public void Fewer_terminals_than_connections_is_refused_up_front()
    {
        var (estate, _) = TestEstates.Create(1, 2, 10);
        var failure = Assert.Throws<ArgumentException>(() => new IsoLoadTarget(IsoHarness.Options(8583, 3), estate, new SystemLoadClock()));
        Assert.Contains("3 connections", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_estate_card_that_is_not_a_card_number_is_refused_without_showing_it()
    {
        var (estate, _) = TestEstates.Create(1, 1, 2);
        var broken = estate with { Cards = ["6230001234567890", "62300012345X7890"] };
        var failure = Assert.Throws<ArgumentException>(() => new IsoLoadTarget(IsoHarness.Options(8583, 1), broken, new SystemLoadClock()));
        Assert.Contains("623000******7890", failure.Message, StringComparison.Ordinal);
    }
}
