using System.Text;
using CardActors.Iso8583;

namespace CardActors.LoadGen.Iso;

/// <summary>
/// One terminal of a provisioned merchant as the acquiring host drives it: its ids as wire bytes,
/// its MAC key, the connection it trades on, and its STAN counter (000001–999999, then wrapping).
/// </summary>
/// <remarks>
/// The key is held twice: a <see cref="MacKey"/> keeps one keyed HMAC context and keys a fresh
/// one (allocating) for a caller that overlaps another. Requests are signed under the connection's
/// lock and answers checked on its receive loop, so with one instance each neither ever overlaps.
/// </remarks>
internal sealed class IsoTerminal
{
    public const int MaxStan = 999_999;
    private readonly byte[] _terminalId;
    private readonly byte[] _merchantId;
    private int _stanCounter;

    public IsoTerminal(int index, string terminalId, string merchantId, string macKeyHex, int connection)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        ArgumentNullException.ThrowIfNull(merchantId);
        if (terminalId.Length != 8 || !Ascii.IsValid(terminalId))
        {
            throw new ArgumentException($"Terminal id '{terminalId}' is not 8 ASCII characters.", nameof(terminalId));
        }

        if (merchantId.Length != 15 || !Ascii.IsValid(merchantId))
        {
            throw new ArgumentException($"Merchant id '{merchantId}' is not 15 ASCII characters.", nameof(merchantId));
        }

        Index = index;
        Id = terminalId;
        _terminalId = Encoding.ASCII.GetBytes(terminalId);
        _merchantId = Encoding.ASCII.GetBytes(merchantId);
        PackedId = TransmissionKey.PackTerminalId(_terminalId);
        if (macKeyHex is not { Length: 2 * MacKey.Length } || !macKeyHex.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"The MAC key of terminal {terminalId} is not {2 * MacKey.Length} hexadecimal characters.", nameof(macKeyHex));
        }

        SigningKey = MacKey.FromHex(macKeyHex);
        CheckingKey = MacKey.FromHex(macKeyHex);
        Connection = connection;
    }

    /// <summary>The terminal's index in the whole target.</summary>
    public int Index { get; }

    public string Id { get; }

    public ulong PackedId { get; }

    public ReadOnlySpan<byte> TerminalId => _terminalId;

    public ReadOnlySpan<byte> MerchantId => _merchantId;

    /// <summary>MACs what the terminal sends; used under its connection's lock only.</summary>
    public MacKey SigningKey { get; }

    /// <summary>Checks the MACs of the answers; used by its connection's receive loop only.</summary>
    public MacKey CheckingKey { get; }

    /// <summary>The connection the terminal trades on.</summary>
    public int Connection { get; }

    /// <summary>The next STAN: every message of the terminal gets a new one, from any thread.</summary>
    public int NextStan()
    {
        var counter = (uint)Interlocked.Increment(ref _stanCounter);
        return (int)(((counter - 1) % MaxStan) + 1);
    }
}
