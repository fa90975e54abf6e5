using System.Buffers;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Issuance;
using CardActors.Domain.Tests.Encoding;

namespace CardActors.Domain.Tests.Issuance;

/// <summary>An issue request keeps the first card number it is given and answers every retry with it.</summary>
public sealed class IssueRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly CardNumber First = CardNumber.Parse("6222020000000000000");
    private static readonly CardNumber Second = CardNumber.Parse("4111111111111111");

    private static IssueRequestDecision Run(IssueRequestState state, CardNumber candidate)
    {
        var decision = IssueRequestDecider.Decide(state, new AssignCardNumber(candidate), Now);
        if (decision.Event is { } assigned)
        {
            state.Apply(CardNumberAssigned(assigned));
        }
        return decision;
    }

    /// <summary>Through the journal format, as the kernel would.</summary>
    private static CardNumberAssigned CardNumberAssigned(CardNumberAssigned assigned)
    {
        var buffer = new ArrayBufferWriter<byte>();
        IssueRequestEventCodec.Encode(assigned, buffer);
        return IssueRequestEventCodec.Decode(buffer.WrittenSpan);
    }

    [Fact]
    public void The_first_candidate_is_assigned_and_every_later_one_gets_it_back_without_an_event()
    {
        var state = new IssueRequestState();
        var first = Run(state, First);
        Assert.Equal(new CardNumberAssigned(Now.ToUniversalTime(), First), first.Event);
        Assert.Equal(new IssueRequestReply(true, First, false, null), first.Reply);

        var retry = Run(state, Second);
        Assert.Null(retry.Event);
        Assert.Equal(new IssueRequestReply(true, First, true, null), retry.Reply);
        Assert.Equal((First, Now.ToUniversalTime()), (state.Card, state.AssignedAt!.Value));
    }

    [Fact]
    public void An_empty_candidate_is_refused_and_a_second_assignment_breaks_the_invariant()
    {
        var state = new IssueRequestState();
        var empty = Run(state, default);
        Assert.Null(empty.Event);
        Assert.False(empty.Reply.Accepted);
        Assert.Equal("card: a candidate card number must be given", empty.Reply.Error.ToString());
        Assert.False(state.IsAssigned);

        Run(state, First);
        Assert.Throws<InvalidOperationException>(() => state.Apply(new CardNumberAssigned(Now, Second)));
    }

    [Fact]
    public void The_event_has_a_stable_layout()
    {
        var assigned = new CardNumberAssigned(DateTimeOffset.UnixEpoch, First);
        var expected = CardEventGoldenTests.Hex(
            "01 01 00 80 B5 F7 F5 7F 9F 08"   // tag, version, 1970-01-01T00:00Z
            + " 00 40 60 6D 39 0E 59 56 13"); // 6222020000000000000, 19 digits
        var buffer = new ArrayBufferWriter<byte>();
        IssueRequestEventCodec.Encode(assigned, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(assigned, IssueRequestEventCodec.Decode(expected));
        Assert.Throws<CodecException>(() => IssueRequestEventCodec.Decode([0x02, .. expected.AsSpan(1)]));
        Assert.Throws<CodecException>(() => IssueRequestEventCodec.Decode([0x01, 0x02, .. expected.AsSpan(2)]));
        Assert.Throws<CodecException>(() => IssueRequestEventCodec.Decode(expected.AsSpan(0, expected.Length - 1)));
        Assert.Throws<CodecException>(() => IssueRequestEventCodec.Decode(CardEventGoldenTests.Hex("01 01 00 80 B5 F7 F5 7F 9F 08 00 00 00 00 00 00 00 00 00")));
    }

    [Fact]
    public void The_snapshot_has_a_stable_layout_with_and_without_a_number()
    {
        var empty = new ArrayBufferWriter<byte>();
        IssueRequestSnapshotCodec.Encode(new IssueRequestState(), empty);
        Assert.Equal(CardEventGoldenTests.Hex("01 00"), empty.WrittenSpan.ToArray());
        Assert.False(IssueRequestSnapshotCodec.Decode(empty.WrittenSpan).IsAssigned);

        var state = new IssueRequestState();
        state.Apply(new CardNumberAssigned(DateTimeOffset.UnixEpoch, First));
        var expected = CardEventGoldenTests.Hex("01 01 00 40 60 6D 39 0E 59 56 13 00 80 B5 F7 F5 7F 9F 08");
        var buffer = new ArrayBufferWriter<byte>();
        IssueRequestSnapshotCodec.Encode(state, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        var restored = IssueRequestSnapshotCodec.Decode(expected);
        Assert.Equal((First, DateTimeOffset.UnixEpoch), (restored.Card, restored.AssignedAt!.Value));
        Assert.Throws<CodecException>(() => IssueRequestSnapshotCodec.Decode([0x02, .. expected.AsSpan(1)]));
        Assert.Throws<CodecException>(() => IssueRequestSnapshotCodec.Decode([.. expected, 0x00]));
    }
}
