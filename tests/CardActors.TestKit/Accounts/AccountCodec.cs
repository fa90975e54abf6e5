using System.Buffers;
using System.Buffers.Binary;
using CardActors.Runtime.Entities;

namespace CardActors.TestKit.Accounts;

/// <summary>Tag byte + little-endian fields; enough to exercise real serialization in the kernel.</summary>
public sealed class AccountCodec : IEntityCodec<long, AccountState, AccountEvent>
{
    public void WriteEvent(AccountEvent @event, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(9);
        (byte tag, long value) = @event switch
        {
            Credited c => ((byte)1, c.Amount),
            Debited d => ((byte)2, d.Amount),
            WakeUpScheduled { At: { } at } => ((byte)3, at.UtcTicks),
            WakeUpScheduled => ((byte)4, 0L),
            WokeUp w => ((byte)5, w.At.UtcTicks),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "unknown event"),
        };
        span[0] = tag;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], value);
        output.Advance(9);
    }

    public AccountEvent ReadEvent(ReadOnlySpan<byte> payload)
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(payload[1..]);
        return payload[0] switch
        {
            1 => new Credited(value),
            2 => new Debited(value),
            3 => new WakeUpScheduled(new DateTimeOffset(value, TimeSpan.Zero)),
            4 => new WakeUpScheduled(null),
            5 => new WokeUp(new DateTimeOffset(value, TimeSpan.Zero)),
            var tag => throw new InvalidDataException($"Unknown account event tag {tag}."),
        };
    }

    public void WriteSnapshot(AccountState state, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(28);
        BinaryPrimitives.WriteInt64LittleEndian(span, state.Balance);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], state.Events);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], state.WakeUpAt?.UtcTicks ?? -1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], state.WakeUps);
        output.Advance(28);
    }

    public AccountState ReadSnapshot(long key, ReadOnlySpan<byte> payload)
    {
        var wake = BinaryPrimitives.ReadInt64LittleEndian(payload[16..]);
        return new AccountState
        {
            Balance = BinaryPrimitives.ReadInt64LittleEndian(payload),
            Events = BinaryPrimitives.ReadInt64LittleEndian(payload[8..]),
            WakeUpAt = wake < 0 ? null : new DateTimeOffset(wake, TimeSpan.Zero),
            WakeUps = BinaryPrimitives.ReadInt32LittleEndian(payload[24..]),
        };
    }
}
