using CardActors.Domain.Cards;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Domain.Monetary;
using CardActors.Iso8583;

namespace CardActors.Node.Gateway;

/// <summary>
/// What the ISO 8583 gateway needs from the issuer behind it: merchant profiles, terminal keys, and
/// a decision per card command. The node's entities are one core; the database-lock baseline
/// (bench/baselines) is another, behind the same gateway, so that only the core differs.
/// </summary>
public interface IIssuerCore
{
    /// <summary>The currency of every card (ISO 4217 numeric in field 49).</summary>
    Currency Currency { get; }

    TimeProvider Time { get; }

    MerchantProfile? FindMerchant(MerchantId merchant);

    /// <summary>The MAC key of a terminal at a key version (version ≥ 1).</summary>
    MacKey TerminalKey(MerchantId merchant, TerminalId terminal, int version);

    /// <summary>Decides a card command; completes with a timeout failure when no decision comes in time.</summary>
    ValueTask<CardReply> DecideAsync(CardNumber card, CardCommand command, TimeSpan timeout);
}
