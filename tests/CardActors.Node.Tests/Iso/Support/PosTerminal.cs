using CardActors.Iso8583;

namespace CardActors.Node.Tests.Iso.Support;

/// <summary>
/// A POS terminal as the acquirer drives it: its ids, its MAC key, and a STAN counter. Every
/// request gets the next STAN and a transmission date-time derived from it, so a request's
/// duplicate key is unique per terminal and a retransmission is simply the same bytes sent again.
/// </summary>
internal sealed partial class PosTerminal(long acquirerId, string merchantId, string terminalId, MacKey key)
{
    public const long DefaultAcquirer = 12345678;
    public const int Cny = 156;
    private int _stan;

    public long AcquirerId { get; } = acquirerId;

    public string MerchantId { get; } = merchantId;

    public string TerminalId { get; } = terminalId;

    public MacKey Key { get; } = key;

    /// <summary>The same terminal as seen under another acquirer id, or with another key (for security tests).</summary>
    public PosTerminal With(long? acquirerId = null, string? merchantId = null, string? terminalId = null, MacKey? key = null) =>
        new(acquirerId ?? AcquirerId, merchantId ?? MerchantId, terminalId ?? TerminalId, key ?? Key) { _stan = _stan + 100_000 };

    public int NextStan()
    {
        var next = Interlocked.Increment(ref _stan);
        return (next - 1) % 999_999 + 1;
    }

    /// <summary>MMDDhhmmss on 22 November, the time of day spelled by the STAN (seconds since midnight).</summary>
    public static long TransmissionDateTimeOf(int stan)
    {
        var seconds = stan % 86_400;
        return 1122_000000L + (seconds / 3600 * 10_000) + (seconds / 60 % 60 * 100) + (seconds % 60);
    }

    /// <summary>
    /// Builds a request: 7, 11, 32, 41 and 42 from the terminal, then <paramref name="fields"/>
    /// (which may also overwrite or remove those), then the MAC as asked.
    /// </summary>
    public PosRequest Request(
        MessageType type,
        Action<Iso8583MessageBuilder> fields,
        PosMac mac = PosMac.Valid,
        int? stan = null,
        bool checkPresence = true,
        string? rrn = null,
        int processingCode = 0)
    {
        var s = stan ?? NextStan();
        var dateTime = TransmissionDateTimeOf(s);
        using var builder = new Iso8583MessageBuilder { CheckPresence = checkPresence };
        builder.Reset(type)
            .SetNumeric(FieldNumber.TransmissionDateTime, dateTime)
            .SetNumeric(FieldNumber.Stan, s)
            .SetNumeric(FieldNumber.AcquirerId, AcquirerId)
            .SetText(FieldNumber.TerminalId, TerminalId)
            .SetText(FieldNumber.MerchantId, MerchantId);
        fields(builder);
        var frame = new byte[Iso8583Framing.HeaderLength + Iso8583Framing.MaxMessageLength];
        var length = builder.WriteTo(frame.AsSpan(Iso8583Framing.HeaderLength), mac == PosMac.None ? null : Key);
        if (mac == PosMac.Wrong)
        {
            frame[Iso8583Framing.HeaderLength + length - 1] ^= 0x5A;
        }

        Iso8583Framing.WriteHeader(frame, length);
        return new PosRequest(type, TerminalId, s, dateTime, AcquirerId, rrn ?? RrnOf(s), processingCode, frame[..(Iso8583Framing.HeaderLength + length)]);
    }

    public static string RrnOf(int stan) => stan.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{MerchantId}/{TerminalId}";
}
