using System.Buffers;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>The hot path allocates nothing per message once warmed up.</summary>
public sealed class AllocationTests
{
    private const int Iterations = 5_000;

    [Fact]
    public void Parsing_a_single_segment_frame_allocates_nothing()
    {
        var frames = new[] { "0200 purchase", "0100 payment code", "0400 reversal", "0210 purchase approved", "0500 batch totals" }
            .Select(n => new ReadOnlySequence<byte>(Samples.Frame(n).AsMemory(2))).ToArray();
        using var message = new Iso8583Message();
        long sum = 0;

        void Run()
        {
            for (var i = 0; i < Iterations; i++)
            {
                foreach (var frame in frames)
                {
                    Assert.True(message.TryParse(frame, out _));
                    sum += message.Fields == UInt128.Zero ? 0 : 1;
                }
            }
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2L * Iterations * frames.Length, sum);
    }

    [Fact]
    public void Parsing_a_multi_segment_frame_allocates_nothing_after_the_first()
    {
        var body = Samples.Frame("0200 purchase")[2..];
        var frame = Wire.Segmented(body, [5, 40, 41]);
        using var message = new Iso8583Message();
        Assert.True(message.TryParse(frame, out _));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            if (!message.TryParse(frame, out _))
            {
                throw new InvalidOperationException("parse");
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Reading_fields_verifying_the_mac_and_answering_allocates_nothing()
    {
        var framed = Samples.Frame("0200 purchase");

        // A key of this test's own: a key in use by another thread at the same moment makes a second
        // HMAC context, which is an allocation this test is not about.
        var ownKey = new MacKey(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var keys = new TerminalKeyRing();
        keys.Install("TERM0001"u8, ownKey);
        using var request = new Iso8583Message();
        using var response = new Iso8583MessageBuilder();
        var output = new byte[Iso8583Framing.MaxMessageLength + 2];
        var balances = new AdditionalAmount[] { new(AmountAccount.Card, AmountType.AvailableBalance, 156, 7500) };
        long check = 0;

        void Run()
        {
            for (var i = 0; i < Iterations; i++)
            {
                var buffer = new ReadOnlySequence<byte>(framed);
                Assert.True(Iso8583Framing.TryReadFrame(ref buffer, out var frame));
                Assert.True(request.TryParse(frame, out _));
                check += request.GetNumeric(FieldNumber.Amount) + request.Pan.Length + request.GetText(FieldNumber.TerminalId).Length;
                check += DuplicateKey.Of(request).Transmission.Stan;
                foreach (var amount in request.GetAdditionalAmounts())
                {
                    check += amount.Amount;
                }

                if (Iso8583Mac.Verify(request, keys, out var key) != MacVerification.Valid)
                {
                    throw new InvalidOperationException("MAC");
                }

                response.BeginResponse(request).SetText(FieldNumber.ApprovalCode, "A1B2C3"u8).SetResponseCode(0).SetAdditionalAmounts(balances);
                check += response.WriteTo(output, key);
            }
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(check > 0);
    }
}
