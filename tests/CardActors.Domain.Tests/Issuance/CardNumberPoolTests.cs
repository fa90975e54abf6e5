using System.Buffers;
using CardActors.Domain.Encoding;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Issuance;

namespace CardActors.Domain.Tests.Issuance;

public sealed class CardNumberPoolTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static CardNumberPoolDecision Run(CardNumberPoolState state, int count, ulong capacity)
    {
        var decision = CardNumberPoolDecider.Decide(state, new ReserveCardNumbers(count), new CardNumberPoolContext(Now, capacity));
        if (decision.Event is { } reserved)
        {
            state.Apply(reserved);
        }
        return decision;
    }

    [Fact]
    public void Reservations_are_contiguous_and_start_at_zero()
    {
        var state = new CardNumberPoolState();
        Assert.Equal(0UL, state.NextSequence);
        var first = Run(state, 1_000, 1_000_000);
        Assert.Equal(new CardNumbersReserved(Now.ToUniversalTime(), 0, 1_000), first.Event);
        Assert.Equal(TimeSpan.Zero, first.Event!.At.Offset);
        Assert.Equal(new CardNumberPoolReply(true, 0, 1_000, null), first.Reply);
        var second = Run(state, CardNumberPoolDecider.MaxCount, 1_000_000);
        Assert.Equal(new CardNumberPoolReply(true, 1_000, 100_000, null), second.Reply);
        Assert.Equal(101_000UL, state.NextSequence);
        Assert.Equal(899_000UL, state.RemainingIn(1_000_000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_001)]
    [InlineData(int.MaxValue)]
    public void A_count_outside_1_to_100000_is_rejected(int count)
    {
        var state = new CardNumberPoolState();
        Run(state, 5, 1_000_000);
        var decision = Run(state, count, 1_000_000);
        Assert.Null(decision.Event);
        Assert.Equal(new CardNumberPoolReply(false, 5, 0, new FieldError("count", "must be 1 to 100000")), decision.Reply);
        Assert.Equal(5UL, state.NextSequence);
    }

    [Fact]
    public void More_than_what_is_left_is_rejected_and_exactly_what_is_left_is_granted()
    {
        var state = new CardNumberPoolState();
        Run(state, 9_990, 10_000);
        var tooMany = Run(state, 11, 10_000);
        Assert.Null(tooMany.Event);
        Assert.False(tooMany.Reply.Accepted);
        Assert.Equal("count: exceeds the card numbers left in the generator's range", tooMany.Reply.Error.ToString());
        Assert.Equal(new CardNumberPoolReply(true, 9_990, 10, null), Run(state, 10, 10_000).Reply);
        Assert.Equal(0UL, state.RemainingIn(10_000));
        Assert.False(Run(state, 1, 10_000).Reply.Accepted);
        // A smaller capacity than already reserved (a misconfigured generator) leaves nothing.
        Assert.Equal(0UL, state.RemainingIn(5_000));
        Assert.False(Run(state, 1, 5_000).Reply.Accepted);
    }

    [Fact]
    public void Reserved_ranges_never_give_the_same_card_number_twice()
    {
        // 16 digits with an 11-digit prefix leave 4 account digits: 10,000 numbers in all.
        var generator = CardNumberGenerator.Scrambled("62220200001", 16, seed: 7);
        var state = new CardNumberPoolState();
        var seen = new HashSet<CardNumber>();
        var random = new Random(42);
        while (true)
        {
            var decision = Run(state, random.Next(1, 700), generator.Capacity);
            if (!decision.Reply.Accepted)
            {
                break;
            }
            for (var i = 0; i < decision.Reply.Count; i++)
            {
                Assert.True(seen.Add(generator.ForSequence(decision.Reply.FirstSequence + (ulong)i)), "seed 42: a number came out twice");
            }
        }
        Assert.True(state.RemainingIn(generator.Capacity) < 700);
        Assert.Equal(state.NextSequence, (ulong)seen.Count);
    }

    [Fact]
    public void Apply_fails_fast_on_a_gap_an_overlap_or_an_empty_range()
    {
        var state = new CardNumberPoolState();
        state.Apply(new CardNumbersReserved(Now, 0, 10));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new CardNumbersReserved(Now, 11, 1)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new CardNumbersReserved(Now, 9, 1)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new CardNumbersReserved(Now, 10, 0)));
        Assert.Equal(10UL, state.NextSequence);
        // Today's size limit is not a replay rule: an old, larger reservation still applies.
        state.Apply(new CardNumbersReserved(Now, 10, 250_000));
        Assert.Equal(250_010UL, state.NextSequence);
    }

    [Fact]
    public void A_context_needs_a_capacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CardNumberPoolContext(Now, 0));
    }

    [Fact]
    public void The_event_has_a_stable_layout()
    {
        var reserved = new CardNumbersReserved(DateTimeOffset.UnixEpoch, 1_000_000, 1_000);
        var expected = Encoding.CardEventGoldenTests.Hex(
            "01 01 00 80 B5 F7 F5 7F 9F 08"      // tag, version, 1970-01-01T00:00Z
            + " 40 42 0F 00 00 00 00 00"          // first sequence 1,000,000
            + " E8 03 00 00");                    // count 1,000
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(22, CardNumberPoolEventCodec.Encode(reserved, buffer));
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(reserved, CardNumberPoolEventCodec.Decode(expected));
        Assert.Throws<CodecException>(() => CardNumberPoolEventCodec.Decode([2, .. expected.AsSpan(1)]));
        Assert.Throws<CodecException>(() => CardNumberPoolEventCodec.Decode([1, 2, .. expected.AsSpan(2)]));
        Assert.Throws<CodecException>(() => CardNumberPoolEventCodec.Decode(expected.AsSpan(0, expected.Length - 1)));
        Assert.Throws<CodecException>(() => CardNumberPoolEventCodec.Decode([.. expected, 0]));
        Assert.Throws<CodecException>(() => CardNumberPoolEventCodec.Decode([.. expected.AsSpan(0, 18), 0, 0, 0, 0]));
    }

    [Fact]
    public void The_snapshot_has_a_stable_layout()
    {
        var state = new CardNumberPoolState();
        state.Apply(new CardNumbersReserved(Now, 0, 100_000));
        state.Apply(new CardNumbersReserved(Now, 100_000, 1));
        var expected = Encoding.CardEventGoldenTests.Hex("01 A1 86 01 00 00 00 00 00"); // version 1, next 100,001
        var buffer = new ArrayBufferWriter<byte>();
        CardNumberPoolSnapshotCodec.Encode(state, buffer);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        var restored = CardNumberPoolSnapshotCodec.Decode(expected);
        Assert.Equal(100_001UL, restored.NextSequence);
        Assert.Equal(new CardNumberPoolReply(true, 100_001, 3, null), Run(restored, 3, 1_000_000).Reply);
        Assert.Throws<CodecException>(() => CardNumberPoolSnapshotCodec.Decode([2, .. expected.AsSpan(1)]));
        Assert.Throws<CodecException>(() => CardNumberPoolSnapshotCodec.Decode(expected.AsSpan(0, 8)));
        Assert.Throws<CodecException>(() => CardNumberPoolSnapshotCodec.Decode([.. expected, 0]));
    }
}
