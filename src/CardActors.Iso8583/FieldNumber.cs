namespace CardActors.Iso8583;

/// <summary>Numbers of the fields this specification defines (ISO 8583:1987 numbering).</summary>
public static class FieldNumber
{
    /// <summary>Not a field: an error located in the MTI.</summary>
    public const int Mti = 0;

    /// <summary>Field 1 is the secondary bitmap; errors in either bitmap are reported against it.</summary>
    public const int Bitmap = 1;

    public const int PrimaryAccountNumber = 2;
    public const int ProcessingCode = 3;
    public const int Amount = 4;
    public const int TransmissionDateTime = 7;
    public const int Stan = 11;
    public const int LocalTime = 12;
    public const int LocalDate = 13;
    public const int SettlementDate = 15;
    public const int PosEntryMode = 22;
    public const int AcquirerId = 32;
    public const int ForwardingId = 33;
    public const int RetrievalReferenceNumber = 37;
    public const int ApprovalCode = 38;
    public const int ResponseCode = 39;
    public const int TerminalId = 41;
    public const int MerchantId = 42;
    public const int AdditionalData = 48;
    public const int Currency = 49;
    public const int AdditionalAmounts = 54;
    public const int Mac = 64;
    public const int NetworkManagementCode = 70;
    public const int CreditsCount = 74;
    public const int CreditReversalsCount = 75;
    public const int DebitsCount = 76;
    public const int DebitReversalsCount = 77;
    public const int CreditsAmount = 86;
    public const int CreditReversalsAmount = 87;
    public const int DebitsAmount = 88;
    public const int DebitReversalsAmount = 89;
    public const int OriginalData = 90;
    public const int SecondaryMac = 128;

    /// <summary>Highest field number of a 1987 message with a secondary bitmap.</summary>
    public const int Max = 128;
}
