using System.Buffers.Binary;

namespace CardActors.Iso8583;

/// <summary>
/// What identifies one transmission from a terminal: acquirer id (32) + terminal id (41) + STAN (11)
/// + transmission date-time (7). Responses on a pipelined connection are matched by terminal + STAN;
/// duplicates are detected with the whole key (see <see cref="DuplicateKey"/>).
/// </summary>
public readonly record struct TransmissionKey(long AcquirerId, ulong TerminalId, int Stan, long TransmissionDateTime)
{
    public static TransmissionKey Of(Iso8583Message message) => new(
        message.GetNumeric(FieldNumber.AcquirerId),
        PackTerminalId(message.GetText(FieldNumber.TerminalId)),
        (int)message.GetNumeric(FieldNumber.Stan),
        message.GetNumeric(FieldNumber.TransmissionDateTime));

    /// <summary>The 8 ASCII bytes of a terminal id (field 41) as one number, for allocation-free lookups.</summary>
    public static ulong PackTerminalId(ReadOnlySpan<byte> terminalId)
    {
        if (terminalId.Length != 8)
        {
            throw new ArgumentException("A terminal id is exactly 8 characters.", nameof(terminalId));
        }

        return BinaryPrimitives.ReadUInt64BigEndian(terminalId);
    }
}
