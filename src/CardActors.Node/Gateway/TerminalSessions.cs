using System.Collections.Concurrent;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;

namespace CardActors.Node.Gateway;

/// <summary>
/// Which terminals are signed on, and under which MAC key version. Sign-on belongs to the terminal
/// (acquirer id + merchant id + terminal id: a terminal id is unique only within its merchant), not
/// to a TCP connection. It lasts while the key that signed on is still accepted: retiring that key,
/// or removing the terminal (a re-added terminal starts on a higher key version), ends it. Held in
/// memory: after a node restart terminals are answered 12 and sign on again, as the specification
/// tells them to.
/// </summary>
internal sealed class TerminalSessions
{
    private readonly ConcurrentDictionary<(long Acquirer, MerchantId Merchant, ulong Terminal), int> _signedOn = new();

    public int Count => _signedOn.Count;

    public bool IsSignedOn(long acquirer, MerchantId merchant, TerminalId terminal, TerminalKeyVersions keys) =>
        _signedOn.TryGetValue((acquirer, merchant, terminal.Packed), out var version) && keys.Accepts(version);

    public void SignOn(long acquirer, MerchantId merchant, TerminalId terminal, int keyVersion) =>
        _signedOn[(acquirer, merchant, terminal.Packed)] = keyVersion;

    public void SignOff(long acquirer, MerchantId merchant, TerminalId terminal) =>
        _signedOn.TryRemove((acquirer, merchant, terminal.Packed), out _);
}
