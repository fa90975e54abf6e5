using CardActors.Iso8583;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>What the fake gateway read from one request, copied out of the frame.</summary>
internal sealed record ReceivedMessage(
    int Connection,
    int Mti,
    string TerminalId,
    string MerchantId,
    int Stan,
    long TransmissionDateTime,
    long? ProcessingCode,
    long? Amount,
    string? Pan,
    string? RetrievalReference,
    OriginalDataElements? Original,
    long? NetworkCode,
    int MacField,
    bool MacValid)
{
    public static ReceivedMessage Of(int connection, Iso8583Message message, bool macValid) => new(
        connection,
        message.Mti,
        Text(message, FieldNumber.TerminalId)!,
        Text(message, FieldNumber.MerchantId)!,
        (int)message.GetNumeric(FieldNumber.Stan),
        message.GetNumeric(FieldNumber.TransmissionDateTime),
        Number(message, FieldNumber.ProcessingCode),
        Number(message, FieldNumber.Amount),
        message.Has(FieldNumber.PrimaryAccountNumber) ? System.Text.Encoding.ASCII.GetString(message.Pan) : null,
        Text(message, FieldNumber.RetrievalReferenceNumber),
        message.Has(FieldNumber.OriginalData) ? message.GetOriginalData() : null,
        Number(message, FieldNumber.NetworkManagementCode),
        message.MacField,
        macValid);

    public bool IsSignOn => Mti == 800 && NetworkCode == 1;

    public bool IsEcho => Mti == 800 && NetworkCode == 301;

    public bool IsTrading => Mti != 800;

    private static string? Text(Iso8583Message message, int field) =>
        message.Has(field) ? System.Text.Encoding.ASCII.GetString(message.GetTrimmedText(field)) : null;

    private static long? Number(Iso8583Message message, int field) => message.Has(field) ? message.GetNumeric(field) : null;
}
