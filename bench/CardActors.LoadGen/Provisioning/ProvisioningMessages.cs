using System.Text.Json.Serialization;

namespace CardActors.LoadGen.Provisioning;

/// <summary>POST /api/products.</summary>
internal sealed record CreateProduct(string Id, string Name, string Identity, long BalanceCap);

/// <summary>POST /api/merchants.</summary>
internal sealed record CreateMerchant(
    string Id,
    string Name,
    string Category,
    string Group,
    IReadOnlyList<string> Projects,
    string SettlementCycle,
    string AccountManager);

/// <summary>POST /api/merchants/{merchantId}/terminals.</summary>
internal sealed record RegisterTerminal(string TerminalId);

/// <summary>The answer to a terminal registration or key rotation: the MAC key, shown once.</summary>
internal sealed record TerminalKey(string TerminalId, string MacKey);

/// <summary>POST /api/cards/bulk.</summary>
internal sealed record IssueCards(string Product, int Count, long InitialLoad, bool Activate);

internal sealed record IssuedCards(IReadOnlyList<string> Cards);

/// <summary>An RFC 7807 problem, as far as an error message needs it.</summary>
internal sealed record Problem(string? Title, string? Detail, int? Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateProduct))]
[JsonSerializable(typeof(CreateMerchant))]
[JsonSerializable(typeof(RegisterTerminal))]
[JsonSerializable(typeof(TerminalKey))]
[JsonSerializable(typeof(IssueCards))]
[JsonSerializable(typeof(IssuedCards))]
[JsonSerializable(typeof(Problem))]
internal sealed partial class ProvisioningJsonContext : JsonSerializerContext;
