namespace CardActors.Node.Api.Contracts;

public sealed record IssueCardRequest
{
    public long? Product { get; init; }

    /// <summary>The cardholder's reference for real-name products; absent for anonymous cards.</summary>
    public long? Holder { get; init; }

    public long? InitialLoad { get; init; }

    /// <summary>Activate at once (the validity period starts now).</summary>
    public bool? Activate { get; init; }
}

public sealed record BulkIssueRequest
{
    public long? Product { get; init; }

    public int? Count { get; init; }

    /// <summary>Real-name products: the holder reference of the first card; the next cards get the next numbers.</summary>
    public long? FirstHolder { get; init; }

    public long? InitialLoad { get; init; }

    public bool? Activate { get; init; }
}

public sealed record BulkIssueResponse(string[] Cards, int Requested, BulkIssueFailure[] Failed);

public sealed record BulkIssueFailure(string Card, string ResponseCode, string Detail);

public sealed record AmountRequest
{
    public long? Amount { get; init; }
}

public sealed record TopUpRequest
{
    public long? Amount { get; init; }

    /// <summary>counter, kiosk, online or bankTransfer.</summary>
    public string? Channel { get; init; }
}

public sealed record SpendRequest
{
    public long? Amount { get; init; }

    public string? MerchantId { get; init; }

    public string? TerminalId { get; init; }
}

public sealed record ReverseRequest
{
    public string? OriginalTransactionId { get; init; }
}

public sealed record RefundRequest
{
    public string? OriginalTransactionId { get; init; }

    public long? Amount { get; init; }

    public string? MerchantId { get; init; }

    public string? TerminalId { get; init; }
}

/// <summary>The outcome of an approved card operation (declines are problem documents).</summary>
public sealed record TransactionResponse(
    string Card,
    string? TransactionId,
    string ResponseCode,
    string? ApprovalCode,
    long ApprovedAmount,
    long CapturedAmount,
    long RefundedAmount,
    BalancesDocument Balances,
    bool Repeated);

public sealed record BalancesDocument(long Main, long Bonus, long Available);

public sealed record IssuedCardResponse(string Card, string Status, TransactionResponse Issue);

public sealed record ReplaceResponse(string OldCard, string NewCard, string TransferId, string Outcome);

public sealed record CardView(
    string Card,
    long Product,
    string Status,
    string? ExpiresAt,
    string IssuedAt,
    string? ActivatedAt,
    string LastUsedAt,
    BalancesDocument Balances,
    HoldView[] Holds,
    BonusLotView[] BonusLots,
    DailyUsageView? DailyUsage,
    PendingTransferView? PendingTransfer);

public sealed record HoldView(string TransactionId, long Main, long Bonus, string ExpiresAt, string MerchantId);

public sealed record BonusLotView(string TransactionId, long Amount, string ExpiresAt);

public sealed record DailyUsageView(string BusinessDate, long Amount, int Count);

public sealed record PendingTransferView(string TransferId, string NewCard, long Main, long Bonus, string At);

public sealed record HistoryResponse(string Card, HistoryEntry[] Entries, long? NextFrom);

public sealed record HistoryEntry(long SequenceNr, string At, string Type, string? TransactionId, long? Amount, string? ResponseCode, string? Detail);
