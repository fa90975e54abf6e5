namespace CardActors.Domain.Merchants;

/// <summary>Why a merchant command was refused; <see cref="MerchantRejections.Text"/> names the field or rule.</summary>
public enum MerchantRejection : byte
{
    None = 0,
    NotRegistered = 1,
    AlreadyRegistered = 2,
    Closed = 3,
    NameInvalid = 4,
    CategoryMissing = 5,
    MerchantIdMissing = 6,
    SettlementCycleInvalid = 7,
    TerminalMissing = 8,
    TerminalUnknown = 9,
    TooManyTerminals = 10,
    NotSuspended = 11,

    /// <summary>The host could not reach or run the merchant entity (shard moving, node busy); the command may be retried.</summary>
    Unavailable = 12,

    /// <summary>The entity failed while handling the command; nothing was persisted.</summary>
    Crashed = 13,
}

public static class MerchantRejections
{
    public static string Text(this MerchantRejection rejection) => rejection switch
    {
        MerchantRejection.None => string.Empty,
        MerchantRejection.NotRegistered => "merchant: not registered",
        MerchantRejection.AlreadyRegistered => "merchant: already registered",
        MerchantRejection.Closed => "status: merchant closed",
        MerchantRejection.NameInvalid => "name: must be 1 to 100 characters",
        MerchantRejection.CategoryMissing => "category: must be set",
        MerchantRejection.MerchantIdMissing => "merchantId: must be set",
        MerchantRejection.SettlementCycleInvalid => "settlementCycle: period must be daily, weekly or monthly and the fee 0 to 10000 bp",
        MerchantRejection.TerminalMissing => "terminalId: must be set",
        MerchantRejection.TerminalUnknown => "terminalId: not registered for this merchant",
        MerchantRejection.TooManyTerminals => "terminals: limit of 4096 reached",
        MerchantRejection.NotSuspended => "status: merchant is not suspended",
        MerchantRejection.Unavailable => "merchant: temporarily unavailable, retry",
        MerchantRejection.Crashed => "merchant: internal error, nothing changed",
        _ => "unknown rejection",
    };
}
