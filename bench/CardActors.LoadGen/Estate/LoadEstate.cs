namespace CardActors.LoadGen.Estate;

/// <summary>
/// What a run trades with, as provisioned on the node: the card numbers (workload card index i is
/// <c>Cards[i]</c>) and the merchants with their terminals and MAC keys (workload merchant index m
/// is <c>Merchants[m]</c>). MAC keys are secrets: the estate is kept in memory and, on request, in a
/// cache file the operator owns.
/// </summary>
public sealed record LoadEstate
{
    /// <summary>The node's HTTP base address the estate was provisioned through.</summary>
    public required string Node { get; init; }

    public required string Product { get; init; }

    public required DateTimeOffset ProvisionedAt { get; init; }

    public required IReadOnlyList<string> Cards { get; init; }

    public required IReadOnlyList<EstateMerchant> Merchants { get; init; }

    public int TerminalCount => Merchants.Sum(m => m.Terminals.Count);

    /// <summary>The first <paramref name="cards"/> cards and <paramref name="merchants"/> merchants, each with its first <paramref name="terminalsPerMerchant"/> terminals.</summary>
    public LoadEstate Take(int cards, int merchants, int terminalsPerMerchant)
    {
        var shortfall = Shortfall(cards, merchants, terminalsPerMerchant);
        if (shortfall is not null)
        {
            throw new InvalidOperationException(shortfall);
        }

        return this with
        {
            Cards = Cards.Count == cards ? Cards : [.. Cards.Take(cards)],
            Merchants = [.. Merchants.Take(merchants).Select(m => m.Terminals.Count == terminalsPerMerchant ? m : m with { Terminals = [.. m.Terminals.Take(terminalsPerMerchant)] })],
        };
    }

    /// <summary>Why this estate cannot serve a run of that size, or null when it can.</summary>
    public string? Shortfall(int cards, int merchants, int terminalsPerMerchant)
    {
        if (Cards.Count < cards)
        {
            return $"the estate holds {Cards.Count:N0} cards, the run needs {cards:N0}";
        }

        if (Merchants.Count < merchants)
        {
            return $"the estate holds {Merchants.Count:N0} merchants, the run needs {merchants:N0}";
        }

        var thin = Merchants.Take(merchants).FirstOrDefault(m => m.Terminals.Count < terminalsPerMerchant);
        return thin is null ? null : $"merchant {thin.Id} has {thin.Terminals.Count} terminals, the run needs {terminalsPerMerchant} per merchant";
    }
}

/// <summary>A merchant (field 42, 15 characters) and its terminals.</summary>
public sealed record EstateMerchant(string Id, IReadOnlyList<EstateTerminal> Terminals);

/// <summary>A terminal (field 41, 8 characters) and its MAC key as 64 hexadecimal characters.</summary>
public sealed record EstateTerminal(string Id, string MacKey)
{
    public override string ToString() => $"EstateTerminal {{ Id = {Id}, MacKey = (hidden) }}";
}
