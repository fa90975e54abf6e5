using System.Buffers;
using System.Buffers.Binary;
using CardActors.Runtime.Remoting;
using CardActors.TestKit.Accounts;

namespace CardActors.Runtime.Tests.Remoting;

/// <summary>Account requests on the wire: key, a kind byte (1 credit, 2 debit, 3 read), amount; replies: outcome, balance, sequence number.</summary>
internal sealed class AccountWireFormat : IWireFormat<long, AccountCommand, AccountReply>
{
    public void WriteRequest(long key, AccountCommand command, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(17);
        BinaryPrimitives.WriteInt64LittleEndian(span, key);
        (span[8], var amount) = command switch
        {
            Credit c => ((byte)1, c.Amount),
            Debit d => ((byte)2, d.Amount),
            ReadBalance => ((byte)3, 0L),
            _ => throw new ArgumentException($"{command.GetType().Name} has no wire form", nameof(command)),
        };
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], amount);
        output.Advance(17);
    }

    public (long Key, AccountCommand Command) ReadRequest(ReadOnlySpan<byte> input)
    {
        if (input.Length != 17)
        {
            throw new FormatException($"an account request is 17 bytes, not {input.Length}");
        }

        var amount = BinaryPrimitives.ReadInt64LittleEndian(input[9..]);
        AccountCommand command = input[8] switch
        {
            1 => new Credit(amount),
            2 => new Debit(amount),
            3 => ReadBalance.Instance,
            _ => throw new FormatException($"unknown account request kind {input[8]}"),
        };
        return (BinaryPrimitives.ReadInt64LittleEndian(input), command);
    }

    public void WriteReply(in AccountReply reply, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(17);
        span[0] = (byte)reply.Outcome;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], reply.Balance);
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], reply.SequenceNr);
        output.Advance(17);
    }

    public AccountReply ReadReply(ReadOnlySpan<byte> input) =>
        input.Length == 17
            ? new AccountReply((AccountOutcome)input[0], BinaryPrimitives.ReadInt64LittleEndian(input[1..]), BinaryPrimitives.ReadInt64LittleEndian(input[9..]))
            : throw new FormatException($"an account reply is 17 bytes, not {input.Length}");
}
