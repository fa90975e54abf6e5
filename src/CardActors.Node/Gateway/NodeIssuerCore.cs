using System.Collections.Concurrent;
using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Iso8583;
using CardActors.Node.Cards;
using CardActors.Node.Hosting;

namespace CardActors.Node.Gateway;

/// <summary>
/// The node behind the gateway: merchant profiles from its directory, terminal keys derived from
/// its master secret (once per key version: a MacKey holds a reusable HMAC context), and decisions
/// from the card entities — refunds through the journal when the sale left the card's memory.
/// </summary>
internal sealed class NodeIssuerCore(CardActorsNode node) : IIssuerCore
{
    private readonly ConcurrentDictionary<(MerchantId, TerminalId, int), MacKey> _keys = new();
    private readonly RefundSender _refunds = RefundSender.For(node);

    public Currency Currency => node.Currency;

    public TimeProvider Time => node.Time;

    public MerchantProfile? FindMerchant(MerchantId merchant) => node.MerchantProfiles.Find(merchant);

    public MacKey TerminalKey(MerchantId merchant, TerminalId terminal, int version) =>
        _keys.GetOrAdd((merchant, terminal, version), static (k, keys) => new MacKey(keys.KeyOf(k.Item1, k.Item2, k.Item3)), node.TerminalKeys);

    public ValueTask<CardReply> DecideAsync(CardNumber card, CardCommand command, TimeSpan timeout) => command is Refund refund
        ? _refunds.SendAsync(card, refund, timeout, node.Lifetime)
        : node.Cards.Ask(card, command, timeout);
}
