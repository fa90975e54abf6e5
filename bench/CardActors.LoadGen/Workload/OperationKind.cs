namespace CardActors.LoadGen.Workload;

/// <summary>The card operations a workload issues; a transport maps each to its message.</summary>
public enum OperationKind
{
    /// <summary>Places a hold; a later <see cref="Complete"/> or <see cref="Reverse"/> may reference it.</summary>
    Authorize = 0,

    /// <summary>Captures an earlier authorization's hold (completion advice).</summary>
    Complete = 1,

    /// <summary>Authorization and capture in one message.</summary>
    Purchase = 2,

    /// <summary>Loads customer money onto the card at a merchant's counter.</summary>
    TopUp = 3,

    /// <summary>Returns an earlier purchase's amount to the card.</summary>
    Refund = 4,

    /// <summary>Cancels an earlier authorization or purchase.</summary>
    Reverse = 5,

    /// <summary>Reads the balance; moves no money.</summary>
    BalanceInquiry = 6,
}

/// <summary>Facts about <see cref="OperationKind"/> the engine needs in tight loops.</summary>
public static class OperationKinds
{
    public const int Count = 7;

    public static IReadOnlyList<OperationKind> All { get; } =
    [
        OperationKind.Authorize,
        OperationKind.Complete,
        OperationKind.Purchase,
        OperationKind.TopUp,
        OperationKind.Refund,
        OperationKind.Reverse,
        OperationKind.BalanceInquiry,
    ];

    /// <summary>Whether the operation refers to an earlier request of the same run.</summary>
    public static bool NeedsOriginal(this OperationKind kind) =>
        kind is OperationKind.Complete or OperationKind.Refund or OperationKind.Reverse;
}
