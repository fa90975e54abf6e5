using CardActors.Iso8583;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// A request as a test sends it: the framed bytes (2-byte header included) and what a follow-up
/// message needs to name it (field 90 and the RRN in 37).
/// </summary>
internal sealed record PosRequest(
    MessageType Type,
    string TerminalId,
    int Stan,
    long TransmissionDateTime,
    long AcquirerId,
    string Rrn,
    int ProcessingCode,
    byte[] Frame)
{
    /// <summary>Field 90 of a completion, reversal or refund that follows this request up.</summary>
    public OriginalDataElements AsOriginal => new(Type, Stan, TransmissionDateTime, AcquirerId, 0);

    /// <summary>The message without its length header.</summary>
    public ReadOnlyMemory<byte> Body => Frame.AsMemory(Iso8583Framing.HeaderLength);

    /// <summary>A parsed copy, to compare the response's echoes with.</summary>
    public Iso8583Message Parse()
    {
        var message = new Iso8583Message();
        if (!message.TryParse(Body.ToArray(), out var error))
        {
            throw new InvalidOperationException("A test request does not parse: " + error);
        }

        return message;
    }
}
