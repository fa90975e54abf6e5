using System.Text.Json.Serialization;

namespace CardActors.LoadGen.Provisioning;

/// <summary>POST /api/products (product ids are numbers).</summary>
internal sealed record CreateProduct(long Id, string Name, string Identity, long BalanceCap);

/// <summary>POST /api/merchants (category, group, projects and account manager are numbers).</summary>
internal sealed record CreateMerchant(
    string Id,
    string Name,
    int Category,
    long Group,
    IReadOnlyList<long> Projects,
    string SettlementCycle,
    long AccountManager);

/// <summary>POST /api/merchants/{merchantId}/terminals.</summary>
internal sealed record RegisterTerminal(string TerminalId);

/// <summary>The answer to a terminal registration or key rotation: the MAC key, shown once.</summary>
internal sealed record TerminalKey(string TerminalId, string MacKey);

/// <summary>POST /api/cards/bulk; real-name products number their holders from <see cref="FirstHolder"/>.</summary>
internal sealed record IssueCards(long Product, int Count, long InitialLoad, bool Activate, long? FirstHolder);

internal sealed record IssuedCards(IReadOnlyList<string> Cards, IReadOnlyList<IssueFailure>? Failed);

internal sealed record IssueFailure(string Card, string ResponseCode, string Detail);

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
