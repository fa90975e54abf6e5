namespace CardActors.Domain.Codes;

/// <summary>
/// The one response code set every front end speaks (ISO 8583 field 39). Each value equals the
/// code's two-digit number, so the wire text is the value with a leading zero.
/// </summary>
public enum ResponseCode : byte
{
    Approved = 0,
    DoNotHonor = 5,
    InvalidTransaction = 12,
    InvalidAmount = 13,
    InvalidCardNumber = 14,
    FormatError = 30,
    LostCard = 41,
    InsufficientFunds = 51,
    ExpiredCard = 54,
    NotPermittedToCardholder = 57,
    ExceedsAmountLimit = 61,
    RestrictedCard = 62,
    ExceedsFrequencyLimit = 65,
    IssuerUnavailable = 91,
    DuplicateTransmission = 94,
    SystemMalfunction = 96,
}
