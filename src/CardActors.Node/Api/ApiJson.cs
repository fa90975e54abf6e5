using System.Text.Json;
using System.Text.Json.Serialization;
using CardActors.Node.Api.Contracts;

namespace CardActors.Node.Api;

/// <summary>
/// Source-generated JSON for every API document: camelCase, and unknown members refused, so a
/// misspelt field is an error that names it instead of a silently ignored value.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProductDocument))]
[JsonSerializable(typeof(ProductDocument[]))]
[JsonSerializable(typeof(IssueCardRequest))]
[JsonSerializable(typeof(IssuedCardResponse))]
[JsonSerializable(typeof(BulkIssueRequest))]
[JsonSerializable(typeof(BulkIssueResponse))]
[JsonSerializable(typeof(AmountRequest))]
[JsonSerializable(typeof(TopUpRequest))]
[JsonSerializable(typeof(SpendRequest))]
[JsonSerializable(typeof(ReverseRequest))]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(TransactionResponse))]
[JsonSerializable(typeof(ReplaceResponse))]
[JsonSerializable(typeof(CardView))]
[JsonSerializable(typeof(HistoryResponse))]
[JsonSerializable(typeof(RegisterMerchantRequest))]
[JsonSerializable(typeof(UpdateMerchantProfileRequest))]
[JsonSerializable(typeof(SettlementCycleRequest))]
[JsonSerializable(typeof(AccountManagerRequest))]
[JsonSerializable(typeof(AddTerminalRequest))]
[JsonSerializable(typeof(TerminalKeyResponse))]
[JsonSerializable(typeof(MerchantView))]
[JsonSerializable(typeof(MerchantView[]))]
[JsonSerializable(typeof(PaymentCodeResponse))]
[JsonSerializable(typeof(HealthDocument))]
[JsonSerializable(typeof(TransportStatusDocument))]
internal sealed partial class ApiJson : JsonSerializerContext;

public sealed record PaymentCodeResponse(string Code, string ExpiresAt);

public sealed record HealthDocument(string Status, string NodeId, string Journal, int LiveCards, int Merchants, int Products);

/// <summary>This node's cluster transport: who it is, where it listens, and which nodes are connected to it now.</summary>
public sealed record TransportStatusDocument(string NodeId, long Incarnation, string? Listen, string[] Recipients, TransportPeerDocument[] Peers);

public sealed record TransportPeerDocument(string NodeId, long Incarnation, string Remote);
