using System.Collections.Concurrent;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Iso8583;
using CardActors.Node.Merchants;

namespace CardActors.Node.Gateway;

/// <summary>
/// The MAC keys a terminal may use now: its current key version and, during a rotation, the previous
/// one, derived once per version and kept (a MacKey holds a reusable HMAC context).
/// </summary>
internal sealed class GatewayMacKeys(TerminalKeys keys)
{
    private readonly ConcurrentDictionary<(MerchantId, TerminalId, int), MacKey> _derived = new();

    public MacKey? Key(MerchantId merchant, TerminalId terminal, int version) =>
        version <= 0 ? null : _derived.GetOrAdd((merchant, terminal, version), k => new MacKey(keys.KeyOf(k.Item1, k.Item2, k.Item3)));
}
