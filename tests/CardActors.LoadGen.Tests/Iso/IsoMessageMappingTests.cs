using CardActors.Iso8583;
using CardActors.LoadGen.Tests.Support;
using CardActors.LoadGen.Workload;

namespace CardActors.LoadGen.Tests.Iso;

public sealed class IsoMessageMappingTests
{
    [Fact]
    public async Task Each_operation_is_sent_as_the_message_the_specification_prescribes()
    {
        await using var harness = await IsoHarness.StartAsync(merchants: 2, terminalsPerMerchant: 3);
        var authorization = IsoHarness.Fresh(0, OperationKind.Authorize, 1_500, merchant: 0, card: 3);
        var purchase = IsoHarness.Fresh(1, OperationKind.Purchase, 2_500, merchant: 1, card: 4);
        var topUp = IsoHarness.Fresh(2, OperationKind.TopUp, 10_000, merchant: 0, card: 5);
        var balance = IsoHarness.Fresh(3, OperationKind.BalanceInquiry, 0, merchant: 1, card: 6);
        var reversible = IsoHarness.Fresh(4, OperationKind.Purchase, 800, merchant: 0, card: 7);
        var completion = IsoHarness.FollowUp(5, OperationKind.Complete, authorization);
        var refund = IsoHarness.FollowUp(6, OperationKind.Refund, purchase);
        var reversal = IsoHarness.FollowUp(7, OperationKind.Reverse, reversible);
        LoadRequest[] requests = [authorization, purchase, topUp, balance, reversible, completion, refund, reversal];
        foreach (var request in requests)
        {
            harness.Send(request);
        }

        harness.Target.Flush();
        await harness.Sink.WaitForAsync(requests.Length);
        Assert.All(harness.Sink.Outcomes, o => Assert.True(o.IsApproved, o.ToString()));

        var sent = harness.Gateway.Received.Where(m => m.IsTrading).ToList();
        Assert.Equal(requests.Length, sent.Count);
        Assert.All(sent, m => Assert.True(m.MacValid));
        var (auth, sale, load, inquiry, toReverse, capture, back, undo) = (sent[0], sent[1], sent[2], sent[3], sent[4], sent[5], sent[6], sent[7]);

        Expect(auth, 100, 0, 1_500, TestEstates.Pan(3));
        Expect(sale, 200, 0, 2_500, TestEstates.Pan(4));
        Expect(load, 200, 210_000, 10_000, TestEstates.Pan(5));
        Expect(inquiry, 200, 310_000, null, TestEstates.Pan(6));
        Expect(capture, 220, 0, 1_500, TestEstates.Pan(3));
        Expect(back, 200, 200_000, 2_500, TestEstates.Pan(4));
        Expect(undo, 400, 0, 800, TestEstates.Pan(7));

        // Follow-ups carry their original's card in 2 (docs/iso8583.md, section 7: without it a card
        // not paid by payment code is not found), come from their original's terminal and name it in 90 (MTI, STAN,
        // transmission time, acquirer); a completion and a reversal repeat its RRN, a refund has its own.
        ExpectNames(capture, auth, MessageType.AuthorizationRequest);
        ExpectNames(back, sale, MessageType.FinancialRequest);
        ExpectNames(undo, toReverse, MessageType.FinancialRequest);
        Assert.Equal(auth.RetrievalReference, capture.RetrievalReference);
        Assert.Equal(toReverse.RetrievalReference, undo.RetrievalReference);
        Assert.NotEqual(sale.RetrievalReference, back.RetrievalReference);
        Assert.Equal(sent.Count - 2, sent.Select(m => m.RetrievalReference).Distinct().Count());
        Assert.All(sent, m => Assert.Matches("^[0-9A-Z]{12}$", m.RetrievalReference));
        Assert.All(sent.Where(m => m.Original is null), m => Assert.Matches(@"^\d{10}$", m.TransmissionDateTime.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_busy_merchant_trades_through_all_its_terminals_with_one_STAN_sequence_each()
    {
        await using var harness = await IsoHarness.StartAsync(merchants: 1, terminalsPerMerchant: 4, connections: 2);
        for (var i = 0; i < 400; i++)
        {
            harness.Send(IsoHarness.Fresh(i, OperationKind.Purchase, 1_000));
        }

        harness.Target.Flush();
        await harness.Sink.WaitForAsync(400);

        var trading = harness.Gateway.Received.Where(m => m.IsTrading).ToList();
        var byTerminal = trading.GroupBy(m => m.TerminalId).ToDictionary(g => g.Key, g => g.Select(m => m.Stan).ToList());
        Assert.Equal(4, byTerminal.Count);
        Assert.All(byTerminal.Values, stans => Assert.InRange(stans.Count, 50, 150));

        // Each terminal signed on with STAN 1, then counts up by one per message.
        Assert.All(byTerminal.Values, stans => Assert.Equal(Enumerable.Range(2, stans.Count), stans));
        Assert.All(trading, m => Assert.Equal("MERCHANT0000001", m.MerchantId));
    }

    private static void Expect(ReceivedMessage message, int mti, long processingCode, long? amount, string? pan)
    {
        Assert.Equal(mti, message.Mti);
        Assert.Equal(processingCode, message.ProcessingCode);
        Assert.Equal(amount, message.Amount);
        Assert.Equal(pan, message.Pan);
    }

    private static void ExpectNames(ReceivedMessage followUp, ReceivedMessage original, MessageType originalType)
    {
        Assert.Equal(original.TerminalId, followUp.TerminalId);
        Assert.Equal(original.MerchantId, followUp.MerchantId);
        var names = Assert.NotNull(followUp.Original);
        Assert.Equal(originalType, names.OriginalType);
        Assert.Equal(original.Stan, names.Stan);
        Assert.Equal(original.TransmissionDateTime, names.TransmissionDateTime);
        Assert.Equal(12_345_678, names.AcquirerId);
        Assert.Equal(0, names.ForwardingId);
    }
}
