namespace CardActors.Node.Api.Contracts;

public sealed record RegisterMerchantRequest
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public int? Category { get; init; }

    public long? Group { get; init; }

    public long[]? Projects { get; init; }

    /// <summary>daily (T+1), weekly or monthly.</summary>
    public string? SettlementCycle { get; init; }

    /// <summary>Fee in basis points; the cycle's default (50, 30, 0) when absent.</summary>
    public int? FeeRateBasisPoints { get; init; }

    public long? AccountManager { get; init; }
}

public sealed record UpdateMerchantProfileRequest
{
    public string? Name { get; init; }

    public int? Category { get; init; }

    public long? Group { get; init; }

    public long[]? Projects { get; init; }
}

public sealed record SettlementCycleRequest
{
    public string? SettlementCycle { get; init; }

    public int? FeeRateBasisPoints { get; init; }
}

public sealed record AccountManagerRequest
{
    public long? AccountManager { get; init; }
}

public sealed record AddTerminalRequest
{
    public string? TerminalId { get; init; }
}

public sealed record TerminalKeyResponse(string TerminalId, int KeyVersion, string MacKey);

public sealed record MerchantView(
    string Id,
    string Name,
    string Status,
    int Category,
    long Group,
    long[] Projects,
    TerminalView[] Terminals,
    string SettlementCycle,
    int FeeRateBasisPoints,
    long AccountManager,
    string RegisteredAt,
    long Version);

public sealed record TerminalView(string TerminalId, int KeyVersion, int PreviousKeyVersion);
