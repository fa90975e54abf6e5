namespace CardActors.Iso8583;

/// <summary>
/// The message types of the protocol. The value is the 4-digit MTI read as a decimal number
/// (MTI 0200 is 200), so any parsed MTI can be cast to this type, known or not.
/// </summary>
public enum MessageType : short
{
    AuthorizationRequest = 100,
    AuthorizationResponse = 110,
    FinancialRequest = 200,
    FinancialResponse = 210,
    CompletionAdvice = 220,
    CompletionAdviceResponse = 230,
    ReversalRequest = 400,
    ReversalResponse = 410,
    ReversalAdvice = 420,
    ReversalAdviceResponse = 430,
    BatchTotalsRequest = 500,
    BatchTotalsResponse = 510,
    NetworkManagementRequest = 800,
    NetworkManagementResponse = 810,
}

/// <summary>Facts about MTIs that follow from the ISO 8583:1987 numbering.</summary>
public static class MessageTypes
{
    /// <summary>True for the message types this specification defines.</summary>
    public static bool IsDefined(MessageType type) => MessageRules.Find((int)type) is not null;

    /// <summary>Requests and advices (third digit 0 or 2): what a POS sends.</summary>
    public static bool IsRequest(MessageType type) => IsRequestMti((int)type);

    /// <summary>The response to a request or advice: MTI + 10 (0200 → 0210, 0420 → 0430).</summary>
    public static MessageType ResponseTo(MessageType request)
    {
        if (!IsRequestMti((int)request))
        {
            throw new ArgumentException($"MTI {(int)request:D4} is not a request or advice.", nameof(request));
        }

        return (MessageType)((int)request + 10);
    }

    internal static bool IsRequestMti(int mti)
    {
        var function = mti / 10 % 10;
        return mti is >= 0 and <= 9999 && function is 0 or 2;
    }
}
