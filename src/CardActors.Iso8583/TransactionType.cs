namespace CardActors.Iso8583;

/// <summary>The first two digits of the processing code (field 3).</summary>
public enum TransactionType : byte
{
    /// <summary>00: goods and services (purchase, authorization, completion).</summary>
    Purchase = 0,

    /// <summary>20: return of a purchase.</summary>
    Refund = 20,

    /// <summary>21: deposit — a top-up paid at the counter.</summary>
    TopUp = 21,

    /// <summary>31: balance inquiry.</summary>
    BalanceInquiry = 31,
}
