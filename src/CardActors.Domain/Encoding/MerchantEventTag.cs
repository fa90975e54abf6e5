namespace CardActors.Domain.Encoding;

/// <summary>The first byte of every encoded merchant event. Journaled: values are never changed or reused.</summary>
public enum MerchantEventTag : byte
{
    MerchantRegistered = 1,
    MerchantProfileUpdated = 2,
    MerchantSuspended = 3,
    MerchantReactivated = 4,
    MerchantClosed = 5,
    TerminalAdded = 6,
    TerminalRemoved = 7,
    SettlementCycleChanged = 8,
    AccountManagerAssigned = 9,
    TerminalKeyRotated = 10,
    TerminalPreviousKeyRetired = 11,
}
